// cairo compresses every stream of a PDF (page contents, font subsets, ToUnicode maps) through
// zlib: deflateInit at the default level, deflate with Z_NO_FLUSH as its 16 KB buffer fills, then
// Z_FINISH, then deflateEnd. zlib 1.2 does that at 45 MB/s on a page's operators and about
// 20 MB/s on a small font subset, where its per-stream set-up (256 KB of tables, a 64 KB hash
// head cleared) outweighs the data: a fifth of an in-process one-page render.
//
// This file defines those three functions in the executable; the linker exports them because
// libcairo refers to them, so the executable's definitions take cairo's calls from zlib's. A
// stream opened here keeps its input and, at Z_FINISH, compresses it in one call to libdeflate
// (at the same level number), whose compressor is kept per thread. The result is an ordinary
// zlib stream (same header, same Adler-32), no larger than zlib's on the page operators and font
// bytes the tests compare, three to four times faster on fonts and half again as fast on
// contents. The price is memory: a stream's whole input is held until Z_FINISH, and its output
// until it is handed out (a page's operators are tens of KB; an embedded image, its pixels).
//
// What is left to zlib, untouched: every stream opened with deflateInit2_ (libpng, minizip, and
// zlib's own calls) or with the caller's own allocator. What this file does not do, it refuses
// with zlib's own error: a flush other than Z_NO_FLUSH or Z_FINISH, and any other zlib function
// on one of its streams (deflateReset, deflateParams, deflateCopy...: zlib finds a state that is
// not its own and answers Z_STREAM_ERROR). cairo uses neither.
//
// The bytes are libdeflate's (1.14 on Debian 12), as they were zlib's before: deterministic for
// a given version and level, on any CPU.
//
// Streams that come back are compressed once. A font subset, its ToUnicode map and a logo's
// pixels are the same bytes in invoice after invoice of one template; the same bytes at the same
// level give the same compressed bytes, so an earlier result is exactly what compressing again
// would give. A stream is kept from the second time its bytes are seen: a page's operators, new
// in every document, leave only a fingerprint in a small table, so a process that renders one
// document (the command line) keeps nothing. Kept streams are found by length and Adler-32 (which
// a zlib stream computes anyway) and confirmed byte for byte; at most `kept_budget` bytes of
// input and output are kept, and when the next one does not fit, the kept streams start over.

#include "pdf_streams.h"

#include <dlfcn.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

// Never the address of a z_stream: zlib's own functions check that a state's first word points
// back to its stream, so they refuse this state rather than read it as theirs.
static const uint64_t state_mark = 0x646f63656e67696eULL;  // "docengin"

struct pdf_stream {
    uint64_t mark;
    int level;
    int finished;  // compressed; what is left is to hand `output` out
    int called;    // deflate has taken a call: as zlib, only a first empty Z_NO_FLUSH is no error
    unsigned char *input;
    size_t input_length, input_capacity;
    unsigned char *output;
    size_t output_length, output_sent;
};

// A stream's allocator functions are how this file tells its streams from zlib's: zlib sets its
// own when the caller passes none, and no caller reads them back.
static voidpf stream_alloc(voidpf opaque, uInt items, uInt size) {
    (void)opaque;
    return calloc(items, size);
}
static void stream_free(voidpf opaque, voidpf address) {
    (void)opaque;
    free(address);
}

static struct {
    int (*init)(z_streamp, int, const char *, int);
    int (*deflate)(z_streamp, int);
    int (*end)(z_streamp);
} zlib;
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;
static void find_zlib(void) {
    zlib.init = (int (*)(z_streamp, int, const char *, int))dlsym(RTLD_NEXT, "deflateInit_");
    zlib.deflate = (int (*)(z_streamp, int))dlsym(RTLD_NEXT, "deflate");
    zlib.end = (int (*)(z_streamp))dlsym(RTLD_NEXT, "deflateEnd");
}

// One compressor per level and thread, made on first use and freed when the thread ends: a
// compressor is ~300 KB of tables, and making one per stream would fault them in every time.
static pthread_key_t compressors_key;
static pthread_once_t compressors_once = PTHREAD_ONCE_INIT;
static void free_compressors(void *table) {
    struct libdeflate_compressor **compressors = table;
    for (int level = 0; level <= 9; level++) libdeflate_free_compressor(compressors[level]);
    free(compressors);
}
static void make_compressors_key(void) { (void)pthread_key_create(&compressors_key, free_compressors); }
static struct libdeflate_compressor *compressor(int level) {
    (void)pthread_once(&compressors_once, make_compressors_key);
    struct libdeflate_compressor **compressors = pthread_getspecific(compressors_key);
    if (compressors == NULL) {
        compressors = calloc(10, sizeof *compressors);
        if (compressors == NULL || pthread_setspecific(compressors_key, compressors) != 0) {
            free(compressors);
            return NULL;
        }
    }
    if (compressors[level] == NULL) compressors[level] = libdeflate_alloc_compressor(level);
    return compressors[level];
}

int docengine_pdf_streams_level(int zlib_level) {
    if (zlib_level == Z_DEFAULT_COMPRESSION) return 6;
    return zlib_level >= 0 && zlib_level <= 9 ? zlib_level : -1;
}

static struct pdf_stream *ours(z_streamp strm) {
    if (strm == NULL || strm->zalloc != stream_alloc) return NULL;
    return (struct pdf_stream *)strm->state;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    (void)pthread_once(&zlib_once, find_zlib);
    if (strm != NULL && (strm->zalloc != Z_NULL || strm->zfree != Z_NULL)) {
        return zlib.init(strm, level, version, stream_size);
    }
    if (version == NULL || version[0] != ZLIB_VERSION[0] || stream_size != (int)sizeof(z_stream)) {
        return Z_VERSION_ERROR;
    }
    int ours_level = docengine_pdf_streams_level(level);
    if (strm == NULL || ours_level < 0) return Z_STREAM_ERROR;
    struct pdf_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) return Z_MEM_ERROR;
    stream->mark = state_mark;
    stream->level = ours_level;
    strm->state = (struct internal_state *)stream;
    strm->zalloc = stream_alloc;
    strm->zfree = stream_free;
    strm->msg = Z_NULL;
    strm->total_in = strm->total_out = 0;
    strm->adler = 1;
    strm->data_type = Z_UNKNOWN;
    return Z_OK;
}

// Appends the caller's input to the stream's copy; 0 when memory ran out.
static int keep_input(struct pdf_stream *stream, z_streamp strm) {
    size_t length = strm->avail_in;
    if (length == 0) return 1;
    if (stream->input_capacity - stream->input_length < length) {
        size_t capacity = stream->input_capacity ? stream->input_capacity : 16384;
        while (capacity - stream->input_length < length) capacity *= 2;
        unsigned char *input = realloc(stream->input, capacity);
        if (input == NULL) return 0;
        stream->input = input;
        stream->input_capacity = capacity;
    }
    memcpy(stream->input + stream->input_length, strm->next_in, length);
    stream->input_length += length;
    strm->next_in += length;
    strm->avail_in = 0;
    strm->total_in += length;
    return 1;
}

// What identifies a stream's input before its bytes are compared.
struct fingerprint {
    size_t length;
    uint32_t adler;
    int level;
};

static int same_fingerprint(struct fingerprint a, struct fingerprint b) {
    return a.length == b.length && a.adler == b.adler && a.level == b.level;
}

struct kept_stream {
    struct fingerprint fingerprint;
    long next;  // the next kept stream in the same slot, or -1
    unsigned char *input;
    unsigned char *output;
    size_t output_length;
};

// Smaller streams cost less to compress than to look for; larger ones would crowd out the rest.
enum { kept_min_input = 128, kept_max_input = 4 << 20, seen_slots = 1024 };
static const size_t kept_budget = 16 << 20;

static struct {
    pthread_mutex_t lock;
    struct fingerprint seen[seen_slots];  // streams seen once, one slot per fingerprint's hash
    long first[seen_slots];               // per slot, the last stream kept in it (+ 1; 0 for none)
    struct kept_stream *streams;
    size_t count, capacity, bytes;
} kept = {.lock = PTHREAD_MUTEX_INITIALIZER};

static size_t seen_slot(struct fingerprint f) {
    return (f.adler ^ (uint32_t)(f.length * 2654435761u) ^ (uint32_t)f.level) % seen_slots;
}

static void forget_kept_streams(void) {
    for (size_t i = 0; i < kept.count; i++) {
        free(kept.streams[i].input);
        free(kept.streams[i].output);
    }
    kept.count = 0;
    kept.bytes = 0;
    memset(kept.first, 0, sizeof kept.first);
}

// A copy of the compressed bytes of `input` if they are kept (its length in `length`); NULL if
// not, and then, when `input` has been seen before, `*seen_before` is 1.
static unsigned char *find_kept(struct fingerprint f, const unsigned char *input, size_t *length, int *seen_before) {
    unsigned char *copy = NULL;
    *seen_before = 0;
    pthread_mutex_lock(&kept.lock);
    for (long i = kept.first[seen_slot(f)] - 1; i >= 0; i = kept.streams[i].next) {
        struct kept_stream *k = &kept.streams[i];
        if (!same_fingerprint(k->fingerprint, f) || memcmp(k->input, input, f.length) != 0) continue;
        copy = malloc(k->output_length);
        if (copy != NULL) {
            memcpy(copy, k->output, k->output_length);
            *length = k->output_length;
        }
        break;
    }
    if (copy == NULL) {
        struct fingerprint *slot = &kept.seen[seen_slot(f)];
        *seen_before = same_fingerprint(*slot, f);
        *slot = f;
    }
    pthread_mutex_unlock(&kept.lock);
    return copy;
}

// Keeps `input` (taken over) and a copy of its compressed bytes; frees `input` if it cannot.
static void keep(struct fingerprint f, unsigned char *input, const unsigned char *output, size_t output_length) {
    size_t bytes = f.length + output_length;
    unsigned char *output_copy = malloc(output_length);
    pthread_mutex_lock(&kept.lock);
    if (kept.bytes + bytes > kept_budget) forget_kept_streams();
    if (output_copy != NULL && kept.count == kept.capacity) {
        size_t capacity = kept.capacity ? kept.capacity * 2 : 64;
        struct kept_stream *streams = realloc(kept.streams, capacity * sizeof *streams);
        if (streams != NULL) {
            kept.streams = streams;
            kept.capacity = capacity;
        }
    }
    if (output_copy != NULL && kept.count < kept.capacity) {
        memcpy(output_copy, output, output_length);
        size_t slot = seen_slot(f);
        kept.streams[kept.count] = (struct kept_stream){f, kept.first[slot] - 1, input, output_copy, output_length};
        kept.first[slot] = (long)++kept.count;
        kept.bytes += bytes;
        input = NULL;
        output_copy = NULL;
    }
    pthread_mutex_unlock(&kept.lock);
    free(input);
    free(output_copy);
}

// Compresses everything kept, as one zlib stream; 0 when memory ran out.
static int compress_input(struct pdf_stream *stream, z_streamp strm) {
    strm->adler = libdeflate_adler32(1, stream->input, stream->input_length);
    struct fingerprint f = {stream->input_length, (uint32_t)strm->adler, stream->level};
    int keeps = f.length >= kept_min_input && f.length <= kept_max_input;
    int seen_before = 0;
    if (keeps) {
        stream->output = find_kept(f, stream->input, &stream->output_length, &seen_before);
        if (stream->output != NULL) {
            free(stream->input);
            stream->input = NULL;
            stream->input_length = stream->input_capacity = 0;
            stream->finished = 1;
            return 1;
        }
    }
    struct libdeflate_compressor *c = compressor(stream->level);
    if (c == NULL) return 0;
    size_t bound = libdeflate_zlib_compress_bound(c, stream->input_length);
    unsigned char *output = malloc(bound);
    if (output == NULL) return 0;
    stream->output_length = libdeflate_zlib_compress(c, stream->input, stream->input_length, output, bound);
    stream->output = output;
    if (seen_before) {
        keep(f, stream->input, output, stream->output_length);
    } else {
        free(stream->input);
    }
    stream->input = NULL;
    stream->input_length = stream->input_capacity = 0;
    stream->finished = 1;
    return 1;
}

int deflate(z_streamp strm, int flush) {
    struct pdf_stream *stream = ours(strm);
    if (stream == NULL) {
        (void)pthread_once(&zlib_once, find_zlib);
        return zlib.deflate(strm, flush);
    }
    // zlib's checks, in zlib's order, with zlib's answers.
    if (stream->mark != state_mark || (flush != Z_NO_FLUSH && flush != Z_FINISH)) return Z_STREAM_ERROR;
    if (strm->next_out == Z_NULL || (strm->avail_in != 0 && strm->next_in == Z_NULL) ||
        (stream->finished && flush != Z_FINISH)) {
        strm->msg = (char *)"stream error";
        return Z_STREAM_ERROR;
    }
    if (strm->avail_out == 0 || (stream->finished && strm->avail_in != 0)) {
        strm->msg = (char *)"buffer error";
        return Z_BUF_ERROR;
    }
    if (!stream->finished) {
        int first = !stream->called;
        stream->called = 1;
        if (flush == Z_NO_FLUSH && strm->avail_in == 0) return first ? Z_OK : Z_BUF_ERROR;
        if (!keep_input(stream, strm)) return Z_MEM_ERROR;
        if (flush == Z_NO_FLUSH) return Z_OK;
        if (!compress_input(stream, strm)) return Z_MEM_ERROR;
    }
    size_t left = stream->output_length - stream->output_sent;
    size_t sent = left < strm->avail_out ? left : strm->avail_out;
    memcpy(strm->next_out, stream->output + stream->output_sent, sent);
    stream->output_sent += sent;
    strm->next_out += sent;
    strm->avail_out -= (uInt)sent;
    strm->total_out += sent;
    return stream->output_sent == stream->output_length ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm) {
    struct pdf_stream *stream = ours(strm);
    if (stream == NULL) {
        (void)pthread_once(&zlib_once, find_zlib);
        return zlib.end(strm);
    }
    if (stream->mark != state_mark) return Z_STREAM_ERROR;
    // As zlib: Z_DATA_ERROR when input or output is dropped unfinished.
    int discarded = stream->finished ? stream->output_sent < stream->output_length : stream->input_length > 0;
    free(stream->input);
    free(stream->output);
    free(stream);
    // A stream ended is nobody's: zlib refuses it if it comes back without a new deflateInit_.
    strm->state = Z_NULL;
    strm->zalloc = Z_NULL;
    strm->zfree = Z_NULL;
    return discarded ? Z_DATA_ERROR : Z_OK;
}

int docengine_pdf_streams_interposed(void) {
    return dlsym(RTLD_DEFAULT, "deflateInit_") == (void *)&deflateInit_ &&
           dlsym(RTLD_DEFAULT, "deflate") == (void *)&deflate && dlsym(RTLD_DEFAULT, "deflateEnd") == (void *)&deflateEnd;
}

int docengine_pdf_streams_kept(const void *input, size_t length, int zlib_level) {
    int level = docengine_pdf_streams_level(zlib_level);
    struct fingerprint f = {length, libdeflate_adler32(1, input, length), level};
    int found = 0;
    pthread_mutex_lock(&kept.lock);
    for (long i = kept.first[seen_slot(f)] - 1; i >= 0 && !found; i = kept.streams[i].next) {
        found = same_fingerprint(kept.streams[i].fingerprint, f) && memcmp(kept.streams[i].input, input, length) == 0;
    }
    pthread_mutex_unlock(&kept.lock);
    return found;
}
