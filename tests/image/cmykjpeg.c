/*
 * cmykjpeg.c: a helper of mksamples.py.  ImageMagick writes CMYK JPEGs as
 * YCCK; this re-encodes one as plain Adobe CMYK (transform 0, inverted
 * values, as Photoshop writes it) or, with -n, as CMYK without an Adobe
 * marker and with values not inverted.
 *
 *	cmykjpeg [-n] in.jpg out.jpg
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

int
main(int argc, char *argv[])
{
	struct jpeg_decompress_struct	 d;
	struct jpeg_compress_struct	 c;
	struct jpeg_error_mgr		 je, ce;
	JSAMPROW			 row;
	FILE				*in, *out;
	unsigned			 i;
	int				 noadobe = 0;

	if (argc == 4 && strcmp(argv[1], "-n") == 0) {
		noadobe = 1;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: cmykjpeg [-n] in.jpg out.jpg\n");
		return 2;
	}
	if ((in = fopen(argv[1], "rb")) == NULL ||
	    (out = fopen(argv[2], "wb")) == NULL) {
		perror("cmykjpeg");
		return 1;
	}
	d.err = jpeg_std_error(&je);
	jpeg_create_decompress(&d);
	jpeg_stdio_src(&d, in);
	jpeg_read_header(&d, TRUE);
	d.out_color_space = JCS_CMYK;
	jpeg_start_decompress(&d);

	c.err = jpeg_std_error(&ce);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, out);
	c.image_width = d.output_width;
	c.image_height = d.output_height;
	c.input_components = 4;
	c.in_color_space = JCS_CMYK;
	jpeg_set_defaults(&c);
	jpeg_set_colorspace(&c, JCS_CMYK);
	jpeg_set_quality(&c, 95, TRUE);
	if (noadobe)
		c.write_Adobe_marker = FALSE;
	jpeg_start_compress(&c, TRUE);
	row = malloc((size_t)d.output_width * 4);
	while (d.output_scanline < d.output_height) {
		jpeg_read_scanlines(&d, &row, 1);
		if (noadobe && d.saw_Adobe_marker)
			for (i = 0; i < d.output_width * 4; i++)
				row[i] = 255 - row[i];
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_finish_decompress(&d);
	jpeg_destroy_compress(&c);
	jpeg_destroy_decompress(&d);
	free(row);
	fclose(in);
	return fclose(out) == 0 ? 0 : 1;
}
