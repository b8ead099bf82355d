/*
 * imgtest.c: test driver of generator/image.c.  Decodes each file named
 * on the command line and prints `name: OK WxH gray|rgb alpha|opaque` or
 * `name: error: REASON`.  With -s N it shrinks each image to N pixels a
 * side first and prints the new size; with -d DIR it also writes each
 * decoded image to DIR/BASENAME.pam, to compare pixels.  Every file is
 * also probed (image_probe must agree with image_decode: the same size,
 * or the same reason when it fails) and every decoded image written as a
 * PNG by image_png and decoded again (the same planes, no chunk but
 * IHDR, IDAT and IEND); a disagreement is a line of its own.
 * tests/image/run.sh builds it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "util.h"

/* Writes img as a PAM file (P7), alpha interleaved. */
static void
write_pam(const char *dir, const char *name, const struct image *img)
{
	const char	*base = strrchr(name, '/');
	char		*path;
	FILE		*f;
	size_t		 i, n = (size_t)img->width * img->height;
	unsigned	 nc = img->gray ? 1 : 3;

	path = xasprintf("%s/%s.pam", dir, base != NULL ? base + 1 : name);
	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		exit(2);
	}
	fprintf(f, "P7\nWIDTH %u\nHEIGHT %u\nDEPTH %u\nMAXVAL 255\n"
	    "TUPLTYPE %s%s\nENDHDR\n", img->width, img->height,
	    nc + (img->alpha != NULL), img->gray ? "GRAYSCALE" : "RGB",
	    img->alpha != NULL ? "_ALPHA" : "");
	for (i = 0; i < n; i++) {
		fwrite(img->pixels + i * nc, 1, nc, f);
		if (img->alpha != NULL)
			fputc(img->alpha[i], f);
	}
	fclose(f);
	free(path);
}

/* Reads all of path; returns the bytes (caller frees) or NULL. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char	*data = NULL;
	size_t		 cap = 0, n;
	FILE		*f;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		xgrow(&data, &cap, *len + 65536, 1);
		n = fread(data + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	return data;
}

/* Prints why image_probe disagrees with image_decode's rc, img, err. */
static int
check_probe(const char *name, const unsigned char *data, size_t len, int rc,
    const struct image *img, const char *err)
{
	unsigned	 w, h;
	char		 perr[256];

	if (image_probe(data, len, &w, &h, perr, sizeof(perr)) == -1) {
		if (rc == 0 || strcmp(err, perr) != 0 || w != 0 || h != 0) {
			printf("%s: probe disagrees: %s\n", name, perr);
			return -1;
		}
	} else if (rc == 0 && (w != img->width || h != img->height)) {
		printf("%s: probe disagrees: %ux%u\n", name, w, h);
		return -1;
	}
	return 0;
}

/* Prints why img does not come back whole from image_png. */
static int
check_png(const char *name, const struct image *img)
{
	struct image	 back;
	unsigned char	*png;
	size_t		 len, n = (size_t)img->width * img->height, i;
	char		 err[256];
	int		 bad;

	if ((png = image_png(img, &len)) == NULL) {
		printf("%s: image_png failed\n", name);
		return -1;
	}
	for (i = 8; i + 8 <= len; i += 12 + ((size_t)png[i] << 24 |
	    (size_t)png[i + 1] << 16 | (size_t)png[i + 2] << 8 | png[i + 3]))
		if (memcmp(png + i + 4, "IHDR", 4) != 0 &&
		    memcmp(png + i + 4, "IDAT", 4) != 0 &&
		    memcmp(png + i + 4, "IEND", 4) != 0) {
			printf("%s: image_png wrote a %.4s chunk\n", name,
			    png + i + 4);
			free(png);
			return -1;
		}
	if (image_decode(png, len, &back, err, sizeof(err)) == -1) {
		printf("%s: image_png's file does not decode: %s\n", name, err);
		free(png);
		return -1;
	}
	bad = back.width != img->width || back.height != img->height ||
	    back.gray != img->gray || (back.alpha == NULL) !=
	    (img->alpha == NULL) || memcmp(back.pixels, img->pixels,
	    n * (img->gray ? 1 : 3)) != 0 || (img->alpha != NULL &&
	    memcmp(back.alpha, img->alpha, n) != 0);
	if (bad)
		printf("%s: image_png's file decodes to other pixels\n", name);
	image_free(&back);
	free(png);
	return bad ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	struct image	 img;
	unsigned char	*data;
	unsigned	 shrink = 0;
	const char	*dump = NULL;
	size_t		 len;
	char		 err[256];
	int		 ch, i, rc = 0;

	while ((ch = getopt(argc, argv, "d:s:")) != -1) {
		switch (ch) {
		case 'd':
			dump = optarg;
			break;
		case 's':
			shrink = (unsigned)strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: imgtest [-d dir] [-s side] "
			    "file ...\n");
			return 2;
		}
	}
	for (i = optind; i < argc; i++) {
		if ((data = slurp(argv[i], &len)) == NULL) {
			printf("%s: error: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		ch = image_decode(data, len, &img, err, sizeof(err));
		if (check_probe(argv[i], data, len, ch, &img, err) == -1)
			rc = 1;
		if (ch == -1) {
			printf("%s: error: %s\n", argv[i], err);
			rc = 1;
		} else {
			if (check_png(argv[i], &img) == -1)
				rc = 1;
			if (shrink > 0)
				image_shrink(&img, shrink);
			if (dump != NULL)
				write_pam(dump, argv[i], &img);
			printf("%s: OK %ux%u %s %s\n", argv[i], img.width,
			    img.height, img.gray ? "gray" : "rgb",
			    img.alpha != NULL ? "alpha" : "opaque");
			image_free(&img);
		}
		free(data);
	}
	return rc;
}
