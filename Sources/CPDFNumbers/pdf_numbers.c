// cairo writes every number of a PDF with snprintf: each coordinate with "%f" (numbers under 0.1,
// zero included, first with "%.18f" and again with "%.*f"), each kerning step with "%d" and each
// glyph index in hexadecimal ("%0*x"). glibc formats a double through arbitrary-precision
// arithmetic, and a one-page invoice writes about 7 000 numbers: a sixth of the whole render.
//
// This file defines the fortified snprintf cairo calls (Debian builds cairo with
// _FORTIFY_SOURCE); the linker exports it because libcairo refers to it, so the executable's
// definition takes those calls from libc's. It answers the handful of formats cairo uses, byte for
// byte what glibc writes (the tests hold it to glibc's vsnprintf on hundreds of thousands of
// values), and hands every other format, and every value it does not handle, to glibc unchanged.
// The PDFs are the same bytes either way; only the time differs.

#include "pdf_numbers.h"

#include <dlfcn.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

// glibc's, declared here: stdio.h declares them only when the including file is fortified.
extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

static const uint64_t powers_of_ten[19] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL,
};

// Copies `text` as snprintf would: at most size - 1 bytes and a NUL; returns the full length.
static int emit(char *out, size_t size, const char *text, int length) {
    if (size > 0) {
        size_t kept = (size_t)length < size - 1 ? (size_t)length : size - 1;
        memcpy(out, text, kept);
        out[kept] = '\0';
    }
    return length;
}

// The decimal digits of `value`, most significant first, at the end of `buffer`; returns where they start.
static char *digits_of(unsigned __int128 value, char *end) {
    char *p = end;
    if (value == 0) *--p = '0';
    while (value > UINT64_MAX) {
        *--p = (char)('0' + (int)(value % 10));
        value /= 10;
    }
    for (uint64_t small = (uint64_t)value; small > 0; small /= 10) *--p = (char)('0' + (int)(small % 10));
    return p;
}

int docengine_format_fixed(char *out, size_t size, double value, int precision) {
    if (precision < 0 || precision > 18) return -1;
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int negative = (int)(bits >> 63);
    int biased = (int)((bits >> 52) & 0x7FF);
    uint64_t fraction = bits & ((1ULL << 52) - 1);
    if (biased == 0x7FF) return -1;                  // infinity or NaN
    if (biased >= 1023 + 63) return -1;              // 2^63 or more: the products below would overflow
    // value = mantissa × 2^exponent exactly.
    uint64_t mantissa = biased == 0 ? fraction : fraction | (1ULL << 52);
    int exponent = biased == 0 ? -1074 : biased - 1075;
    // The value in units of 10^-precision, rounded to nearest, ties to even: mantissa × 10^p
    // is below 2^113, and shifted left (exponent ≤ 10 here) it stays below 2^123.
    unsigned __int128 scaled = (unsigned __int128)mantissa * powers_of_ten[precision];
    unsigned __int128 units;
    if (exponent >= 0) {
        units = scaled << exponent;
    } else if (-exponent >= 128) {
        units = 0;                                   // below half a unit: scaled < 2^113 ≤ 2^(shift - 1)
    } else {
        int shift = -exponent;
        units = scaled >> shift;
        unsigned __int128 rest = scaled - (units << shift);
        unsigned __int128 half = (unsigned __int128)1 << (shift - 1);
        if (rest > half || (rest == half && (units & 1))) units += 1;
    }
    char digits[48];
    char *end = digits + sizeof digits;
    char *first = digits_of(units, end);
    while (end - first < precision + 1) *--first = '0';  // at least one digit before the point
    char text[64];
    int length = 0;
    if (negative) text[length++] = '-';
    int whole = (int)(end - first) - precision;
    memcpy(text + length, first, (size_t)whole);
    length += whole;
    if (precision > 0) {
        text[length++] = '.';
        memcpy(text + length, first + whole, (size_t)precision);
        length += precision;
    }
    return emit(out, size, text, length);
}

// "%0<width>x": `value` in hexadecimal, zero-padded to `width` digits.
static int format_hex(char *out, size_t size, unsigned int value, int width, int uppercase) {
    const char *alphabet = uppercase ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[40];
    char *end = digits + sizeof digits;
    char *first = end;
    do {
        *--first = alphabet[value & 0xF];
        value >>= 4;
    } while (value > 0);
    while (end - first < width) *--first = '0';
    return emit(out, size, first, (int)(end - first));
}

static int format_int(char *out, size_t size, long long value) {
    char digits[24];
    char *end = digits + sizeof digits;
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    char *first = digits_of(magnitude, end);
    if (value < 0) *--first = '-';
    return emit(out, size, first, (int)(end - first));
}

// Only where the locale writes a full stop as the decimal point, as the C locale does.
static int point_is_full_stop(void) {
    const char *radix = nl_langinfo(RADIXCHAR);
    return radix[0] == '.' && radix[1] == '\0';
}

int docengine_pdf_vformat(char *out, size_t size, const char *format, va_list arguments) {
    if (format[0] != '%') return -1;
    size_t length = strlen(format);
    char last = format[length - 1];
    if (strcmp(format, "%d") == 0) return format_int(out, size, va_arg(arguments, int));
    if (strcmp(format, "%ld") == 0) return format_int(out, size, va_arg(arguments, long));
    if (strcmp(format, "%f") == 0 || strcmp(format, "%.18f") == 0 || strcmp(format, "%.*f") == 0) {
        int precision = format[1] == 'f' ? 6 : format[2] == '*' ? va_arg(arguments, int) : 18;
        double value = va_arg(arguments, double);
        return point_is_full_stop() ? docengine_format_fixed(out, size, value, precision) : -1;
    }
    if (format[1] == '0' && (last == 'x' || last == 'X') && length <= 5) {
        // "%0*x" (glyph indices, as wide as the font's largest one) and "%02x", "%04x", "%04X".
        int width = -1;
        if (strcmp(format + 2, "*x") == 0) {
            width = va_arg(arguments, int);
        } else if (length == 4 && format[2] >= '1' && format[2] <= '9') {
            width = format[2] - '0';
        }
        if (width < 0 || width > 32) return -1;
        return format_hex(out, size, va_arg(arguments, unsigned int), width, last == 'X');
    }
    return -1;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int written = -1;
    // A buffer smaller than announced is glibc's to report (it aborts): never answered here.
    if (maxlen <= slen) {
        va_list mine;
        va_copy(mine, arguments);
        written = docengine_pdf_vformat(s, maxlen, format, mine);
        va_end(mine);
    }
    if (written < 0) written = __vsnprintf_chk(s, maxlen, flag, slen, format, arguments);
    va_end(arguments);
    return written;
}

int docengine_pdf_numbers_interposed(void) {
    return dlsym(RTLD_DEFAULT, "__snprintf_chk") == (void *)&__snprintf_chk;
}
