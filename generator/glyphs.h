/*
 * glyphs.h: which characters the PDF can print.
 */
#ifndef SIMC_GLYPHS_H
#define SIMC_GLYPHS_H

/*
 * True if the PDF's body font in fontdir has a glyph for code point cp
 * (its cmap is read once).  Characters beyond the Basic Multilingual
 * Plane are never printable (libharu draws the BMP only).  When the font
 * cannot be read, every character counts as printable.
 */
int	glyph_printable(const char *fontdir, unsigned cp);

#endif
