#include "xlsx_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static docengine_xlsx_functions functions;
static const docengine_xlsx_functions *loaded;
static char message[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // The soname Debian 12's libxlsxwriter-dev links against; the unversioned name is only a
    // development symlink.
    void *library = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(message, sizeof message, "libxlsxwriter cannot be loaded: %s", reason ? reason : "unknown error");
        return;
    }
#define DOCENGINE_XLSX_RESOLVE(name)                                                                    \
    functions.name = (__typeof__(name) *)dlsym(library, #name);                                         \
    if (functions.name == NULL) {                                                                        \
        snprintf(message, sizeof message, "libxlsxwriter has no %s (version 1.1 or newer is needed)", #name); \
        return;                                                                                          \
    }
    DOCENGINE_XLSX_FUNCTIONS(DOCENGINE_XLSX_RESOLVE)
#undef DOCENGINE_XLSX_RESOLVE
    loaded = &functions;
}

const docengine_xlsx_functions *docengine_xlsx_load(char *error, size_t error_capacity) {
    pthread_once(&once, load);
    if (loaded == NULL) snprintf(error, error_capacity, "%s", message);
    return loaded;
}
