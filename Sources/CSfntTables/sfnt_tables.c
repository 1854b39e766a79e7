// cairo reads a font's tables through FT_Load_Sfnt_Table while it writes a PDF: for every new glyph
// of a subset it maps the glyph back to Unicode by reading `cmap` in pieces, and it reads `hmtx`,
// `glyf` and `loca` glyph by glyph, about a thousand calls for a one-page invoice. FreeType looks
// its table service up by name on each call (a string compare per module service) before a table
// lookup and a copy, some 750 instructions a call where the copy is a few dozen.
//
// This file defines FT_Load_Sfnt_Table in the executable, which takes libcairo's calls (as
// pdf_numbers.c and pdf_streams.c take its snprintf and deflate). For a face the font book opened
// on font bytes in memory and remembered here, it answers from those bytes; every other face, and
// every call it cannot answer exactly as FreeType would, goes to FreeType's own function.
//
// Exactly as FreeType: the table directory is FreeType's (FT_Sfnt_Table_Info lists the tables it
// accepted, in the file's order; a face is remembered only when the file's directory gives the
// same tags and lengths, so the offsets are the file's); a table is the first of its tag with a
// non-zero length (FreeType treats an empty table as missing); `*length == 0` asks for the size.
// Only reads wholly inside one table are answered here: the whole file (tag 0), a negative offset,
// a read past the table's end and a NULL buffer go to FreeType, which knows their edge cases.

#include "sfnt_tables.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include FT_TRUETYPE_TABLES_H

struct table {
    FT_ULong tag;
    FT_ULong offset;
    FT_ULong length;
};

struct remembered {
    FT_Face face;
    const FT_Byte *bytes;
    struct table *tables;
    FT_ULong count;
    FT_Error missing;  // what FreeType answers for a table the font does not have
};

static struct {
    pthread_rwlock_t lock;
    struct remembered *faces;
    size_t count, capacity;
} registry = {.lock = PTHREAD_RWLOCK_INITIALIZER};

typedef FT_Error (*load_table_function)(FT_Face, FT_ULong, FT_Long, FT_Byte *, FT_ULong *);
static load_table_function freetype_load_table;
static pthread_once_t freetype_once = PTHREAD_ONCE_INIT;
static void find_freetype(void) { freetype_load_table = (load_table_function)dlsym(RTLD_NEXT, "FT_Load_Sfnt_Table"); }

static FT_ULong big_endian(const FT_Byte *p, int size) {
    FT_ULong value = 0;
    for (int i = 0; i < size; i++) value = value << 8 | p[i];
    return value;
}

// FreeType's tables of `face`, with their offsets from the file's directory; NULL (and count 0)
// when the face is not a single font in memory or the two directories differ.
static struct table *read_directory(FT_Face face, FT_ULong *count) {
    *count = 0;
    FT_Stream stream = face->stream;
    if (!FT_IS_SFNT(face) || face->face_index != 0 || stream == NULL || stream->base == NULL || stream->size < 12) {
        return NULL;
    }
    const FT_Byte *bytes = stream->base;
    FT_ULong version = big_endian(bytes, 4);
    if (version != 0x00010000 && version != 0x4F54544F /* OTTO */ && version != 0x74727565 /* true */) return NULL;
    FT_ULong file_count = big_endian(bytes + 4, 2);
    if (12 + 16 * file_count > stream->size) return NULL;
    FT_ULong freetype_count = 0;
    if (FT_Sfnt_Table_Info(face, 0, NULL, &freetype_count) != 0 || freetype_count == 0) return NULL;
    struct table *tables = calloc(freetype_count, sizeof *tables);
    if (tables == NULL) return NULL;
    FT_ULong entry = 0;
    for (FT_UInt i = 0; i < freetype_count; i++) {
        FT_ULong tag = 0, length = 0;
        if (FT_Sfnt_Table_Info(face, i, &tag, &length) != 0) goto differ;
        // FreeType skips the entries it cannot use; the next one it kept is further on.
        for (; entry < file_count; entry++) {
            const FT_Byte *record = bytes + 12 + 16 * entry;
            FT_ULong offset = big_endian(record + 8, 4);
            if (big_endian(record, 4) == tag && big_endian(record + 12, 4) == length && offset <= stream->size &&
                length <= stream->size - offset) {
                tables[i] = (struct table){tag, offset, length};
                break;
            }
        }
        if (entry++ == file_count) goto differ;
    }
    *count = freetype_count;
    return tables;
differ:
    free(tables);
    return NULL;
}

// A tag no font has: FreeType's answer for it is its answer for every missing table.
static const FT_ULong absent_tag = 0x7E7E7E7E;  // "~~~~"

FT_Error docengine_sfnt_tables_load_by_freetype(FT_Face face, FT_ULong tag, FT_Long offset, FT_Byte *buffer,
                                                FT_ULong *length) {
    (void)pthread_once(&freetype_once, find_freetype);
    return freetype_load_table(face, tag, offset, buffer, length);
}

int docengine_sfnt_tables_remember(FT_Face face) {
    if (face == NULL) return 0;
    FT_ULong count = 0;
    struct table *tables = read_directory(face, &count);
    if (tables == NULL) return 0;
    for (FT_ULong i = 0; i < count; i++) {
        if (tables[i].tag == absent_tag) {
            free(tables);
            return 0;
        }
    }
    FT_ULong size_only = 0;
    FT_Error missing = docengine_sfnt_tables_load_by_freetype(face, absent_tag, 0, NULL, &size_only);
    if (missing == FT_Err_Ok) {
        free(tables);
        return 0;
    }
    int remembered = 0;
    pthread_rwlock_wrlock(&registry.lock);
    if (registry.count == registry.capacity) {
        size_t capacity = registry.capacity ? registry.capacity * 2 : 16;
        struct remembered *faces = realloc(registry.faces, capacity * sizeof *faces);
        if (faces != NULL) {
            registry.faces = faces;
            registry.capacity = capacity;
        }
    }
    if (registry.count < registry.capacity) {
        registry.faces[registry.count++] = (struct remembered){face, face->stream->base, tables, count, missing};
        remembered = 1;
    }
    pthread_rwlock_unlock(&registry.lock);
    if (!remembered) free(tables);
    return remembered;
}

void docengine_sfnt_tables_forget(FT_Face face) {
    pthread_rwlock_wrlock(&registry.lock);
    for (size_t i = 0; i < registry.count; i++) {
        if (registry.faces[i].face != face) continue;
        free(registry.faces[i].tables);
        registry.faces[i] = registry.faces[--registry.count];
        break;
    }
    pthread_rwlock_unlock(&registry.lock);
}

enum answer { answered, not_ours };

// Reads as FreeType would, for a remembered face and a read inside one table; `not_ours` for the
// rest. Called with the registry's lock held for reading.
static enum answer load_remembered(const struct remembered *font, FT_ULong tag, FT_Long offset, FT_Byte *buffer,
                                   FT_ULong *length, FT_Error *error) {
    if (tag == 0) return not_ours;
    const struct table *table = NULL;
    for (FT_ULong i = 0; i < font->count; i++) {
        if (font->tables[i].tag == tag && font->tables[i].length != 0) {
            table = &font->tables[i];
            break;
        }
    }
    if (table == NULL) {
        *error = font->missing;
        return answered;
    }
    if (length != NULL && *length == 0) {
        *length = table->length;
        *error = FT_Err_Ok;
        return answered;
    }
    FT_ULong size = length != NULL ? *length : table->length;
    if (buffer == NULL || offset < 0 || (FT_ULong)offset > table->length || size > table->length - (FT_ULong)offset) {
        return not_ours;
    }
    memcpy(buffer, font->bytes + table->offset + (FT_ULong)offset, size);
    *error = FT_Err_Ok;
    return answered;
}

FT_Error FT_Load_Sfnt_Table(FT_Face face, FT_ULong tag, FT_Long offset, FT_Byte *buffer, FT_ULong *length) {
    FT_Error error = FT_Err_Ok;
    enum answer answer = not_ours;
    pthread_rwlock_rdlock(&registry.lock);
    for (size_t i = 0; i < registry.count; i++) {
        if (registry.faces[i].face == face) {
            answer = load_remembered(&registry.faces[i], tag, offset, buffer, length, &error);
            break;
        }
    }
    pthread_rwlock_unlock(&registry.lock);
    if (answer == answered) return error;
    return docengine_sfnt_tables_load_by_freetype(face, tag, offset, buffer, length);
}

int docengine_sfnt_tables_interposed(void) {
    return dlsym(RTLD_DEFAULT, "FT_Load_Sfnt_Table") == (void *)&FT_Load_Sfnt_Table;
}
