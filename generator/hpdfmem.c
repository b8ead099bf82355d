/*
 * hpdfmem.c: libharu's byte loops, as the C library's functions.
 *
 * libharu 2.3.0 copies, clears and measures memory a byte at a time
 * (HPDF_MemCpy, HPDF_MemSet, HPDF_StrLen: hpdf_utils.c), and every
 * page operator clears a 512-byte buffer first (HPDF_Page_SetRGBFill,
 * HPDF_Page_MoveTextPos, ...): a tenth of a batch's CPU time.  libharu
 * calls them through its PLT, so these definitions in the executable
 * take their place (ELF symbol interposition: the linker exports a
 * symbol that a shared library linked defines too).  Same results,
 * including the pointer returned, just past what was written; memmove,
 * as libharu copies forwards and one caller (a Type 1 font's header)
 * copies a buffer onto itself, lower.
 */
#include <string.h>

#include <hpdf.h>
#include <hpdf_utils.h>

HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	memmove(out, in, n);
	return out + n;
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

HPDF_UINT
HPDF_StrLen(const char *s, HPDF_INT maxlen)
{
	if (s == NULL)
		return 0;
	return (HPDF_UINT)(maxlen < 0 ? strlen(s) : strnlen(s,
	    (size_t)maxlen));
}
