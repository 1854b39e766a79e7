// librsvg: parses SVG and renders it as vectors onto a cairo context.
// RSVG_DISABLE_DEPRECATION_WARNINGS keeps the deprecated half of the header quiet; we use
// only the non-deprecated API (new_from_data, get_intrinsic_*, render_document).
#define RSVG_DISABLE_DEPRECATION_WARNINGS
#include <librsvg/rsvg.h>
