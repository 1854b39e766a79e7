// From /usr/include, not through pkg-config: Package.swift links cairo itself (statically in
// release builds), and pkg-config would add the shared library to every link.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-ft.h>
