/*
 * fuzz_image.c: libFuzzer entry point for image.c, the decoder that
 * stands between the user's PNG and JPEG files and libharu.  Checks the
 * promises of image.h: a reason on failure, a zeroed image, dimensions
 * within the limits on success, image_probe() agreeing with it; then
 * writes the image as a PNG (image_png) that must decode to the same
 * pixels, and shrinks it (image_shrink).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* image_png's file of img decodes to the same planes. */
static void
round_trip(const struct image *img)
{
	struct image	 back;
	unsigned char	*png;
	size_t		 len, n = (size_t)img->width * img->height;
	char		 err[256];

	if ((png = image_png(img, &len)) == NULL ||
	    image_decode(png, len, &back, err, sizeof(err)) == -1)
		abort();
	if (back.width != img->width || back.height != img->height ||
	    back.gray != img->gray || (back.alpha == NULL) !=
	    (img->alpha == NULL) || memcmp(back.pixels, img->pixels,
	    n * (img->gray ? 1 : 3)) != 0 || (img->alpha != NULL &&
	    memcmp(back.alpha, img->alpha, n) != 0))
		abort();
	image_free(&back);
	free(png);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image	 img;
	char		 err[256], perr[256];
	size_t		 n, i;
	unsigned	 sum = 0, side, w, h;
	int		 probed;

	memset(err, 'x', sizeof(err));
	probed = image_probe(data, size, &w, &h, perr, sizeof(perr));
	if (image_decode(data, size, &img, err, sizeof(err)) == -1) {
		if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0' ||
		    img.pixels != NULL || img.alpha != NULL ||
		    img.width != 0 || img.height != 0)
			abort();
		/* A file refused by its header is refused the same way. */
		if (probed == -1 && strcmp(err, perr) != 0)
			abort();
		return 0;
	}
	if (probed == -1 || w != img.width || h != img.height)
		abort();
	if (img.pixels == NULL || img.width == 0 || img.height == 0 ||
	    img.width > LIMIT_IMAGE_SIDE || img.height > LIMIT_IMAGE_SIDE ||
	    (size_t)img.width * img.height > LIMIT_IMAGE_PIXELS)
		abort();
	/* Every byte of the planes is defined (MSan would see the rest). */
	n = (size_t)img.width * img.height;
	for (i = 0; i < n * (img.gray ? 1 : 3); i += 97)
		sum += img.pixels[i];
	if (img.alpha != NULL)
		for (i = 0; i < n; i += 97)
			sum += img.alpha[i];
	round_trip(&img);
	side = 1 + (data[size - 1] & 0x7fu) * 8;
	image_shrink(&img, side);
	if (img.pixels == NULL || img.width == 0 || img.height == 0 ||
	    img.width > side || img.height > side)
		abort();
	image_free(&img);
	return (int)(sum & 0);
}
