// Finds the build ID note (NT_GNU_BUILD_ID) of the image this file is linked into, in memory:
// the loader maps every image's notes, so nothing is read from disk. The parsed-template cache
// keys its entries with it, so that a tree written by one build is never read by another.

#define _GNU_SOURCE
#include "build_identity.h"

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <string.h>

struct search {
    uintptr_t address;
    unsigned char *out;
    size_t capacity;
    size_t length;
};

static int contains(const struct dl_phdr_info *info, uintptr_t address) {
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + segment->p_vaddr;
        if (address >= start && address - start < segment->p_memsz) return 1;
    }
    return 0;
}

static int visit(struct dl_phdr_info *info, size_t size, void *context) {
    (void)size;
    struct search *search = context;
    if (!contains(info, search->address)) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + segment->p_vaddr);
        const unsigned char *end = note + segment->p_memsz;
        while ((size_t)(end - note) >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            size_t nameSize = ((size_t)header->n_namesz + 3) & ~(size_t)3;
            size_t descriptionSize = ((size_t)header->n_descsz + 3) & ~(size_t)3;
            if ((size_t)(end - name) < nameSize + descriptionSize) break;
            const unsigned char *description = name + nameSize;
            if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                size_t length = header->n_descsz < search->capacity ? header->n_descsz : search->capacity;
                memcpy(search->out, description, length);
                search->length = length;
                return 1;
            }
            note = description + descriptionSize;
        }
    }
    return 1;  // the image was found, and it has no build ID
}

size_t docengine_build_id(unsigned char *out, size_t capacity) {
    struct search search = {(uintptr_t)&docengine_build_id, out, capacity, 0};
    dl_iterate_phdr(visit, &search);
    return search.length;
}
