/*
 * image.h: decoding the user's PNG and JPEG files into raw 8-bit pixels.
 *
 * libharu must never see a user's file (shared/LIBRARIES.md), nor must a
 * reader of the HTML dossier (a photo's EXIF holds where it was taken):
 * the validate pass decodes each file here once (imgcache.h), under
 * setjmp and size limits; the PDF gets the pixels (and the alpha plane
 * as a soft mask), the HTML a PNG written again from them.
 */
#ifndef SIMC_IMAGE_H
#define SIMC_IMAGE_H

#include <stddef.h>

#define LIMIT_IMAGE_BYTES	(8u * 1024 * 1024)	/* one file */
#define LIMIT_IMAGE_PIXELS	(16u * 1024 * 1024)	/* width * height */
#define LIMIT_IMAGE_SIDE	16384
/*
 * The budget of all a company's images together, each distinct file
 * counted once however many notes name it: its bytes, and its pixels as
 * decoded.  A dossier has a logo and a picture per persona (the method
 * advises at most three targeted segments): a logo and five full-size
 * phone photos (12 megapixels, 3-4 MB each) fit, and the dossier keeps
 * no more than 800 pixels a side of any image (imgcache.h), so a larger
 * set loses nothing by being scaled down.  The budget bounds what one
 * company makes simc read (32 MiB) and decode (64 megapixels, about a
 * second) whatever its number of notes.
 */
#define LIMIT_COMPANY_IMAGE_BYTES	(32u * 1024 * 1024)
#define LIMIT_COMPANY_IMAGE_PIXELS	(64u * 1024 * 1024)

struct image {
	unsigned	 width, height;
	int		 gray;		/* 1: one channel; 0: RGB */
	unsigned char	*pixels;	/* width*height*(gray ? 1 : 3) bytes,
					   rows top-down */
	unsigned char	*alpha;		/* width*height bytes, or NULL when
					   every pixel is opaque */
	int		 jpeg;		/* source was JPEG */
};

/*
 * Decodes the PNG or JPEG in data (len bytes), chosen by its signature,
 * into img: 8-bit gray or RGB pixels, and an alpha plane only when some
 * pixel is not fully opaque.  Returns 0 (free img with image_free), or -1
 * with img zeroed and a one-line English reason, lower case and without a
 * full stop, in err (errlen bytes, always NUL-terminated): "truncated
 * PNG", "corrupt JPEG data (...)", "image is WxH pixels, over the limit
 * of N pixels", "not a PNG or JPEG file" and the like.  Checks the size
 * against the limits before it allocates the pixels.  Never aborts, never
 * leaks, on any input; exits only when out of memory (util.h).
 */
int	image_decode(const unsigned char *data, size_t len, struct image *img,
	    char *err, size_t errlen);
/*
 * Reads only as far as the size of the PNG or JPEG in data: 0 with its
 * width and height, or -1 (both 0) with the reason image_decode() would
 * give for that much of the file.  Allocates no pixels.
 */
int	image_probe(const unsigned char *data, size_t len, unsigned *width,
	    unsigned *height, char *err, size_t errlen);
/* Frees the planes of img and zeroes it; img may be zeroed already. */
void	image_free(struct image *img);
/*
 * Scales img down by area averaging (alpha included, colours weighted
 * by alpha) so that neither side exceeds max_side (at least 1), keeping
 * the aspect ratio; does nothing when it already fits.
 */
void	image_shrink(struct image *img, unsigned max_side);
/*
 * img (with pixels) as a PNG file: 8-bit gray, gray and alpha, RGB or
 * RGBA as img has, no chunks but IHDR, IDAT and IEND, the same bytes for
 * the same pixels.  Returns the bytes (caller frees), or NULL.
 */
unsigned char *image_png(const struct image *img, size_t *len);

#endif
