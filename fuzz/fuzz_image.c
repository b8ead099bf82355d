/*
 * fuzz_image.c: libFuzzer entry point for image.c, the decoder that
 * stands between the user's PNG and JPEG files and libharu.  Checks the
 * promises of image.h: a reason on failure, a zeroed image, dimensions
 * within the limits on success; then shrinks the image as the PDF
 * backend does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image	 img;
	char		 err[256];
	size_t		 n, i;
	unsigned	 sum = 0, side;

	memset(err, 'x', sizeof(err));
	if (image_decode(data, size, &img, err, sizeof(err)) == -1) {
		if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0' ||
		    img.pixels != NULL || img.alpha != NULL ||
		    img.width != 0 || img.height != 0)
			abort();
		return 0;
	}
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
	side = 1 + (data[size - 1] & 0x7fu) * 8;
	image_shrink(&img, side);
	if (img.pixels == NULL || img.width == 0 || img.height == 0 ||
	    img.width > side || img.height > side)
		abort();
	image_free(&img);
	return (int)(sum & 0);
}
