#ifndef DOCENGINE_XLSX_LOADER_H
#define DOCENGINE_XLSX_LOADER_H

#include <stddef.h>
#include <xlsxwriter.h>

/// libxlsxwriter, loaded with dlopen the first time a spreadsheet is written instead of linked:
/// it needs OpenSSL's libcrypto and minizip, whose loading and relocation every PDF render paid
/// for (1.7 MB of resident memory and the dynamic loader's time), though only XLSX exports use it.
///
/// The header is included for its types only; nothing may call its functions directly (the
/// executable does not link libxlsxwriter, so a direct call fails to link). Call them through
/// the table `docengine_xlsx_load` returns.

/// The libxlsxwriter functions DocEngine uses, each with the type the header declares.
#define DOCENGINE_XLSX_FUNCTIONS(X) \
    X(workbook_new) X(lxw_workbook_free) X(workbook_set_properties) X(workbook_add_worksheet) \
    X(workbook_add_format) X(workbook_close) X(lxw_strerror) \
    X(format_set_bold) X(format_set_num_format) X(format_set_pattern) X(format_set_bg_color) \
    X(format_set_font_color) X(format_set_bottom) X(format_set_top) \
    X(worksheet_write_string) X(worksheet_write_number) X(worksheet_write_datetime) \
    X(worksheet_write_blank) X(worksheet_set_column) X(worksheet_freeze_panes) X(worksheet_autofilter) \
    X(worksheet_set_landscape) X(worksheet_fit_to_pages) X(worksheet_repeat_rows)

#define DOCENGINE_XLSX_FIELD(name) __typeof__(name) *_Nonnull name;
typedef struct {
    DOCENGINE_XLSX_FUNCTIONS(DOCENGINE_XLSX_FIELD)
} docengine_xlsx_functions;
#undef DOCENGINE_XLSX_FIELD

/// Loads libxlsxwriter once per process (thread-safely) and returns its functions, or NULL with
/// a NUL-terminated reason in `error` (the library is missing, or a function is).
const docengine_xlsx_functions *_Nullable docengine_xlsx_load(char *_Nonnull error, size_t error_capacity);

#endif
