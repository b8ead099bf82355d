/*
 * imgtest.c: test driver of generator/image.c.  Decodes each file named
 * on the command line and prints `name: OK WxH gray|rgb alpha|opaque` or
 * `name: error: REASON`.  With -s N it shrinks each image to N pixels a
 * side first and prints the new size; with -d DIR it also writes each
 * decoded image to DIR/BASENAME.pam, to compare pixels.
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
		if (image_decode(data, len, &img, err, sizeof(err)) == -1) {
			printf("%s: error: %s\n", argv[i], err);
			rc = 1;
		} else {
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
