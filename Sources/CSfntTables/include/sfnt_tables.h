#ifndef DOCENGINE_SFNT_TABLES_H
#define DOCENGINE_SFNT_TABLES_H

#include <ft2build.h>
#include FT_FREETYPE_H

/// Answers `FT_Load_Sfnt_Table` for `face` from the font bytes it was opened on, from now until
/// `docengine_sfnt_tables_forget(face)`. Returns 1 if it will, 0 if the face stays with FreeType
/// (not one font in memory, or a table directory FreeType reads differently).
int docengine_sfnt_tables_remember(FT_Face face);

/// Leaves `face` to FreeType again; call it before `FT_Done_Face`.
void docengine_sfnt_tables_forget(FT_Face face);

/// FreeType's own `FT_Load_Sfnt_Table`, whatever this file would answer: for comparisons.
FT_Error docengine_sfnt_tables_load_by_freetype(FT_Face face, FT_ULong tag, FT_Long offset, FT_Byte *buffer,
                                                FT_ULong *length);

/// Whether the process's `FT_Load_Sfnt_Table` is this target's: true when the executable's
/// definition took cairo's calls from FreeType's.
int docengine_sfnt_tables_interposed(void);

#endif
