#ifndef DOCENGINE_PDF_NUMBERS_H
#define DOCENGINE_PDF_NUMBERS_H

#include <stdarg.h>
#include <stddef.h>

/// Writes `value` as printf's "%.<precision>f" does in the C locale (correctly rounded, ties to
/// even, a minus sign on negative values that round to zero), truncated to `size` bytes with a
/// terminating NUL, and returns the length of the whole text. Returns -1 without writing when it
/// leaves the value to printf: not finite, 2^63 or more in magnitude, or precision outside 0...18.
int docengine_format_fixed(char *out, size_t size, double value, int precision);

/// Formats as vsnprintf would, for the formats cairo writes PDFs with ("%f", "%.18f", "%.*f",
/// "%d", "%ld", "%0*x", "%02x", "%04x", "%04X"). Returns -1 without writing `out` for any other
/// format or a value `docengine_format_fixed` leaves to printf; `arguments` may have been read
/// by then, so a caller passes a copy and formats with the original.
int docengine_pdf_vformat(char *out, size_t size, const char *format, va_list arguments);

/// Whether the process's fortified snprintf (`__snprintf_chk`, the one cairo calls) is this
/// target's: true when the executable's definition took the calls from libc's.
int docengine_pdf_numbers_interposed(void);

#endif
