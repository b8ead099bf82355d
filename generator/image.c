/*
 * image.c: the image decoder of the export pass.  Reads a user's PNG
 * (libpng) or JPEG (libjpeg) from memory under setjmp, checks its size
 * against the limits before it allocates the pixels, reduces every kind
 * to 8-bit gray or RGB plus an optional alpha plane, and shrinks large
 * images by area averaging.  libharu only ever gets these raw pixels
 * (shared/LIBRARIES.md, "Never give libharu untrusted files"), and the
 * HTML only a plain PNG written again from them (image_png), so none of
 * the file's metadata (EXIF, text chunks) reaches a dossier.
 *
 * The setjmp of each decoder lives in a function whose state is all kept
 * in a context struct of its caller, so nothing the error path frees is
 * a local variable changed after setjmp.  The PNG encoder of the HTML
 * backend (image_png) follows the same rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include "image.h"
#include "util.h"

/* Real progressive JPEGs have about ten scans; each costs a full pass. */
#define JPEG_MAX_SCANS	100

static const unsigned char sig_png[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};
static const unsigned char sig_jpeg[3] = { 0xff, 0xd8, 0xff };

struct pngctx {
	const unsigned char	*data;
	size_t			 len, pos;
	int			 truncated;	/* the reader ran out of data */
	char			 msg[128];	/* libpng's last error */
	png_structp		 png;
	png_infop		 info;
	unsigned char		*buf;		/* decoded rows, interleaved */
	png_bytep		*rows;
};

struct jpegerr {
	struct jpeg_error_mgr	 pub;
	jmp_buf			 jb;
	int			 header;	/* the header has been read */
	char			 reason[JMSG_LENGTH_MAX + 64];
};

struct jpegctx {
	struct jpeg_decompress_struct	 cinfo;
	struct jpegerr			 jerr;
	struct jpeg_progress_mgr	 progress;
	int				 created;
	unsigned char			*pixels;
	unsigned char			*row;	/* one CMYK scanline */
};

/* Formats a reason into err, keeping it to one line of printable ASCII. */
static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	if (errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	for (p = err; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
}

/* Returns 0 if w x h is within the limits, else -1 with a reason. */
static int
check_size(unsigned long w, unsigned long h, char *err, size_t errlen)
{
	if (w == 0 || h == 0) {
		seterr(err, errlen, "image is %lux%lu pixels, it has none",
		    w, h);
		return -1;
	}
	if ((uint64_t)w * h > LIMIT_IMAGE_PIXELS) {
		seterr(err, errlen, "image is %lux%lu pixels, over the limit "
		    "of %u pixels", w, h, LIMIT_IMAGE_PIXELS);
		return -1;
	}
	if (w > LIMIT_IMAGE_SIDE || h > LIMIT_IMAGE_SIDE) {
		seterr(err, errlen, "image is %lux%lu pixels, over the limit "
		    "of %u pixels a side", w, h, LIMIT_IMAGE_SIDE);
		return -1;
	}
	return 0;
}

static void
on_png_error(png_structp png, png_const_charp msg)
{
	struct pngctx	*c = png_get_error_ptr(png);

	snprintf(c->msg, sizeof(c->msg), "%s", msg);
	png_longjmp(png, 1);
}

static void
on_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void
read_png_mem(png_structp png, png_bytep out, size_t n)
{
	struct pngctx	*c = png_get_io_ptr(png);

	if (n > c->len - c->pos) {
		c->truncated = 1;
		png_error(png, "truncated");
	}
	memcpy(out, c->data + c->pos, n);
	c->pos += n;
}

/*
 * Moves the alpha channel of n interleaved pixels of ch channels out of
 * buf into its own plane, compacting buf in place.  Returns the plane, or
 * NULL (and frees nothing) when every pixel is opaque.
 */
static unsigned char *
split_alpha(unsigned char *buf, size_t n, unsigned ch)
{
	unsigned char	*alpha;
	unsigned	 nc = ch - 1;
	size_t		 i;
	int		 opaque = 1;

	alpha = xmalloc(n);
	for (i = 0; i < n; i++) {
		alpha[i] = buf[i * ch + nc];
		if (alpha[i] != 255)
			opaque = 0;
		memmove(buf + i * nc, buf + i * ch, nc);
	}
	if (opaque) {
		free(alpha);
		alpha = NULL;
	}
	return alpha;
}

static int
decode_png(struct pngctx *c, struct image *img, int probe, char *err,
    size_t errlen)
{
	png_uint_32	 w, h, y;
	int		 depth, ctype;
	unsigned	 ch;
	size_t		 rowbytes;

	c->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, c,
	    on_png_error, on_png_warning);
	if (c->png == NULL) {
		seterr(err, errlen, "cannot start the PNG decoder");
		return -1;
	}
	if ((c->info = png_create_info_struct(c->png)) == NULL) {
		seterr(err, errlen, "cannot start the PNG decoder");
		goto fail;
	}
	if (setjmp(png_jmpbuf(c->png))) {
		if (c->truncated)
			seterr(err, errlen, "truncated PNG");
		else
			seterr(err, errlen, "corrupt PNG data (%s)", c->msg);
		goto fail;
	}
	/* Our own limits apply, with their own message, after the header. */
	png_set_user_limits(c->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
	png_set_read_fn(c->png, c, read_png_mem);

	png_read_info(c->png, c->info);
	png_get_IHDR(c->png, c->info, &w, &h, &depth, &ctype, NULL, NULL,
	    NULL);
	if (check_size(w, h, err, errlen) == -1)
		goto fail;
	if (probe) {
		png_destroy_read_struct(&c->png, &c->info, NULL);
		img->width = w;
		img->height = h;
		return 0;
	}

	if (ctype == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(c->png);
	if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8)
		png_set_expand_gray_1_2_4_to_8(c->png);
	if (png_get_valid(c->png, c->info, PNG_INFO_tRNS))
		png_set_tRNS_to_alpha(c->png);
	if (depth == 16)
		png_set_strip_16(c->png);
	(void)png_set_interlace_handling(c->png);
	png_read_update_info(c->png, c->info);

	ch = png_get_channels(c->png, c->info);
	rowbytes = png_get_rowbytes(c->png, c->info);
	if (ch < 1 || ch > 4 || png_get_bit_depth(c->png, c->info) != 8 ||
	    rowbytes != (size_t)w * ch) {
		seterr(err, errlen, "unsupported PNG layout (%u channels)",
		    ch);
		goto fail;
	}
	c->buf = xmalloc(rowbytes * h);
	c->rows = xmalloc(sizeof(*c->rows) * h);
	for (y = 0; y < h; y++)
		c->rows[y] = c->buf + rowbytes * y;
	png_read_image(c->png, c->rows);
	/* Checks the rest of the file too: a missing IEND is truncation. */
	png_read_end(c->png, NULL);

	png_destroy_read_struct(&c->png, &c->info, NULL);
	free(c->rows);
	img->width = w;
	img->height = h;
	img->gray = ch <= 2;
	if (ch == 2 || ch == 4) {
		img->alpha = split_alpha(c->buf, (size_t)w * h, ch);
		c->buf = xrealloc(c->buf, (size_t)w * h * (ch - 1));
	}
	img->pixels = c->buf;
	return 0;

fail:
	png_destroy_read_struct(&c->png, c->info ? &c->info : NULL, NULL);
	free(c->rows);
	free(c->buf);
	return -1;
}

static void
on_jpeg_error(j_common_ptr cinfo)
{
	struct jpegerr	*e = (struct jpegerr *)cinfo->err;
	char		 msg[JMSG_LENGTH_MAX];

	(*cinfo->err->format_message)(cinfo, msg);
	snprintf(e->reason, sizeof(e->reason),
	    "corrupt or unsupported JPEG (%s)", msg);
	longjmp(e->jb, 1);
}

/*
 * libjpeg only warns about damaged data and goes on with gray filler.
 * A premature end is a truncated file; corrupt entropy data or junk
 * between markers is an error too, except junk just before the final
 * EOI, which some cameras write and which damages nothing.
 */
static void
on_jpeg_message(j_common_ptr cinfo, int level)
{
	struct jpegerr	*e = (struct jpegerr *)cinfo->err;
	char		 msg[JMSG_LENGTH_MAX];
	const char	*m, *prefix = "Corrupt JPEG data: ";

	if (level >= 0)
		return;		/* trace messages */
	switch (e->pub.msg_code) {
	case JWRN_JPEG_EOF:
		snprintf(e->reason, sizeof(e->reason), "truncated JPEG");
		longjmp(e->jb, 1);
	case JWRN_EXTRANEOUS_DATA:
		if (e->header && e->pub.msg_parm.i[1] == JPEG_EOI)
			return;
		break;
	case JWRN_ARITH_BAD_CODE:
	case JWRN_HIT_MARKER:
	case JWRN_HUFF_BAD_CODE:
	case JWRN_MUST_RESYNC:
		break;
	default:
		return;
	}
	(*cinfo->err->format_message)(cinfo, msg);
	m = msg;
	if (strncmp(m, prefix, strlen(prefix)) == 0)
		m += strlen(prefix);
	snprintf(e->reason, sizeof(e->reason), "corrupt JPEG data (%s)", m);
	longjmp(e->jb, 1);
}

static void
on_jpeg_progress(j_common_ptr cinfo)
{
	struct jpegerr	*e = (struct jpegerr *)cinfo->err;

	if (((j_decompress_ptr)cinfo)->input_scan_number > JPEG_MAX_SCANS) {
		snprintf(e->reason, sizeof(e->reason), "unsupported JPEG "
		    "(more than %d progressive scans)", JPEG_MAX_SCANS);
		longjmp(e->jb, 1);
	}
}

/*
 * Adobe (Photoshop) CMYK is stored inverted, 255 meaning no ink; other
 * CMYK is not.  On inverted values R = C * K / 255, and so on.
 */
static void
cmyk_to_rgb(const unsigned char *in, unsigned char *out, unsigned w,
    int inverted)
{
	unsigned	 x, i, v[4];

	for (x = 0; x < w; x++, in += 4, out += 3) {
		for (i = 0; i < 4; i++)
			v[i] = inverted ? in[i] : 255 - in[i];
		for (i = 0; i < 3; i++)
			out[i] = (v[i] * v[3] + 127) / 255;
	}
}

static int
decode_jpeg(struct jpegctx *c, const unsigned char *data, size_t len,
    struct image *img, int probe, char *err, size_t errlen)
{
	struct jpeg_decompress_struct	*ci = &c->cinfo;
	JSAMPROW			 row;
	unsigned			 w, h, nc, oc;

	ci->err = jpeg_std_error(&c->jerr.pub);
	c->jerr.pub.error_exit = on_jpeg_error;
	c->jerr.pub.emit_message = on_jpeg_message;
	if (setjmp(c->jerr.jb)) {
		seterr(err, errlen, "%s", c->jerr.reason);
		goto fail;
	}
	jpeg_create_decompress(ci);
	c->created = 1;
	c->progress.progress_monitor = on_jpeg_progress;
	ci->progress = &c->progress;
	jpeg_mem_src(ci, data, len);
	(void)jpeg_read_header(ci, TRUE);
	c->jerr.header = 1;
	if (check_size(ci->image_width, ci->image_height, err, errlen) == -1)
		goto fail;
	if (probe) {
		img->width = ci->image_width;
		img->height = ci->image_height;
		jpeg_destroy_decompress(ci);
		return 0;
	}

	switch (ci->jpeg_color_space) {
	case JCS_GRAYSCALE:
		ci->out_color_space = JCS_GRAYSCALE;
		nc = 1;
		break;
	case JCS_YCbCr:
	case JCS_RGB:
		ci->out_color_space = JCS_RGB;
		nc = 3;
		break;
	case JCS_CMYK:
	case JCS_YCCK:
		ci->out_color_space = JCS_CMYK;
		nc = 4;
		break;
	default:
		seterr(err, errlen, "unsupported JPEG colour space "
		    "(%d components)", ci->num_components);
		goto fail;
	}
	(void)jpeg_start_decompress(ci);
	w = ci->output_width;
	h = ci->output_height;
	if (ci->output_components != (int)nc || w != ci->image_width ||
	    h != ci->image_height) {
		seterr(err, errlen, "unsupported JPEG layout");
		goto fail;
	}
	oc = nc == 1 ? 1 : 3;
	c->pixels = xmalloc((size_t)w * h * oc);
	if (nc == 4)
		c->row = xmalloc((size_t)w * 4);
	while (ci->output_scanline < h) {
		row = c->row != NULL ? c->row :
		    c->pixels + (size_t)ci->output_scanline * w * oc;
		if (jpeg_read_scanlines(ci, &row, 1) != 1) {
			seterr(err, errlen, "truncated JPEG");
			goto fail;
		}
		if (c->row != NULL)
			cmyk_to_rgb(c->row, c->pixels +
			    (size_t)(ci->output_scanline - 1) * w * 3, w,
			    ci->saw_Adobe_marker);
	}
	/* Reads up to EOI: a file cut after the last scan is truncated. */
	(void)jpeg_finish_decompress(ci);

	jpeg_destroy_decompress(ci);
	free(c->row);
	img->width = w;
	img->height = h;
	img->gray = nc == 1;
	img->pixels = c->pixels;
	img->jpeg = 1;
	return 0;

fail:
	if (c->created)
		jpeg_destroy_decompress(ci);
	free(c->row);
	free(c->pixels);
	return -1;
}

/* Names a few other formats that users may try, for a clearer reason. */
static const char *
other_format(const unsigned char *d, size_t len)
{
	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return "GIF";
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return "WebP";
	if (len >= 4 && (memcmp(d, "II*\0", 4) == 0 ||
	    memcmp(d, "MM\0*", 4) == 0))
		return "TIFF";
	if (len >= 12 && memcmp(d + 4, "ftyp", 4) == 0 &&
	    (memcmp(d + 8, "heic", 4) == 0 || memcmp(d + 8, "heix", 4) == 0 ||
	    memcmp(d + 8, "mif1", 4) == 0))
		return "HEIC";
	if (len >= 12 && memcmp(d + 4, "ftypavif", 8) == 0)
		return "AVIF";
	if (len >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "PDF";
	return NULL;
}

/* image_decode(), or with probe set only as far as the size. */
static int
decode(const unsigned char *data, size_t len, struct image *img, int probe,
    char *err, size_t errlen)
{
	struct pngctx	 pc;
	struct jpegctx	 jc;
	const char	*other;

	memset(img, 0, sizeof(*img));
	if (errlen > 0)
		err[0] = '\0';
	if (len == 0) {
		seterr(err, errlen, "empty file, not a PNG or JPEG image");
		return -1;
	}
	if (len >= sizeof(sig_png) && memcmp(data, sig_png, 8) == 0) {
		memset(&pc, 0, sizeof(pc));
		pc.data = data;
		pc.len = len;
		return decode_png(&pc, img, probe, err, errlen);
	}
	if (len >= sizeof(sig_jpeg) && memcmp(data, sig_jpeg, 3) == 0) {
		memset(&jc, 0, sizeof(jc));
		return decode_jpeg(&jc, data, len, img, probe, err, errlen);
	}
	if (len < sizeof(sig_png) && memcmp(data, sig_png, len) == 0)
		seterr(err, errlen, "truncated PNG");
	else if (len < sizeof(sig_jpeg) && memcmp(data, sig_jpeg, len) == 0)
		seterr(err, errlen, "truncated JPEG");
	else if (len >= 4 && memcmp(data, sig_png, 4) == 0)
		seterr(err, errlen, "corrupt PNG signature (was the file "
		    "copied as text?)");
	else if ((other = other_format(data, len)) != NULL)
		seterr(err, errlen, "a %s file, not a PNG or JPEG image",
		    other);
	else
		seterr(err, errlen, "not a PNG or JPEG file");
	return -1;
}

int
image_decode(const unsigned char *data, size_t len, struct image *img,
    char *err, size_t errlen)
{
	return decode(data, len, img, 0, err, errlen);
}

int
image_probe(const unsigned char *data, size_t len, unsigned *width,
    unsigned *height, char *err, size_t errlen)
{
	struct image	 img;
	int		 rc;

	rc = decode(data, len, &img, 1, err, errlen);
	*width = img.width;
	*height = img.height;
	return rc;
}

void
image_free(struct image *img)
{
	free(img->pixels);
	free(img->alpha);
	memset(img, 0, sizeof(*img));
}

/* The encoder's state, all in its caller's frame (see the top). */
struct pngout {
	struct buf	 out;
	png_structp	 png;
	png_infop	 info;
	int		 ctype;		/* PNG_COLOR_TYPE_* */
	unsigned	 nc, ch;	/* colour channels; with alpha */
	unsigned char	*row;		/* one row, alpha interleaved */
};

static void
on_png_write_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void
write_png_mem(png_structp png, png_bytep data, size_t n)
{
	struct pngout	*o = png_get_io_ptr(png);

	buf_put(&o->out, (const char *)data, n);
}

static void
flush_png_mem(png_structp png)
{
	(void)png;
}

/*
 * Every setting explicit, so the bytes depend only on the pixels (and
 * zlib's version): compression level 3, the Sub filter on every row, no
 * interlacing, and no chunk but IHDR, IDAT and IEND.  libpng's adaptive
 * choice among the five filters tries each on each row: for acme's
 * three small drawings 10 M instructions of 16 (a twentieth of its
 * build), for an 800 x 600 photograph 150 M of 590; Sub alone makes the
 * drawings smaller still and the photograph 4% larger.  Level 3, as
 * for the PDF's streams (pdfpage.c): acme's drawings took 7.3 M
 * instructions at level 6 and 2.7 M at 3, for 1.1 KB more of HTML.
 */
static int
encode_png(struct pngout *o, const struct image *img)
{
	const unsigned char	*px;
	unsigned		 x, y;

	o->nc = img->gray ? 1 : 3;
	o->ch = o->nc + (img->alpha != NULL);
	if (img->alpha != NULL)
		o->ctype = img->gray ? PNG_COLOR_TYPE_GRAY_ALPHA :
		    PNG_COLOR_TYPE_RGB_ALPHA;
	else
		o->ctype = img->gray ? PNG_COLOR_TYPE_GRAY :
		    PNG_COLOR_TYPE_RGB;
	o->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, o,
	    on_png_write_error, on_png_warning);
	if (o->png == NULL)
		return -1;
	if ((o->info = png_create_info_struct(o->png)) == NULL)
		goto fail;
	if (setjmp(png_jmpbuf(o->png)))
		goto fail;
	png_set_write_fn(o->png, o, write_png_mem, flush_png_mem);
	png_set_compression_level(o->png, 3);
	png_set_filter(o->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
	png_set_IHDR(o->png, o->info, img->width, img->height, 8, o->ctype,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	png_write_info(o->png, o->info);
	if (img->alpha != NULL)
		o->row = xmalloc((size_t)img->width * o->ch);
	for (y = 0; y < img->height; y++) {
		px = img->pixels + (size_t)y * img->width * o->nc;
		if (o->row == NULL) {
			png_write_row(o->png, px);
			continue;
		}
		for (x = 0; x < img->width; x++) {
			memcpy(o->row + (size_t)x * o->ch,
			    px + (size_t)x * o->nc, o->nc);
			o->row[(size_t)x * o->ch + o->nc] =
			    img->alpha[(size_t)y * img->width + x];
		}
		png_write_row(o->png, o->row);
	}
	png_write_end(o->png, NULL);
	png_destroy_write_struct(&o->png, &o->info);
	free(o->row);
	return 0;

fail:
	png_destroy_write_struct(&o->png, o->info ? &o->info : NULL);
	free(o->row);
	buf_free(&o->out);
	return -1;
}

unsigned char *
image_png(const struct image *img, size_t *len)
{
	struct pngout	 o;

	memset(&o, 0, sizeof(o));
	*len = 0;
	if (img->pixels == NULL || encode_png(&o, img) == -1)
		return NULL;
	*len = o.out.len;
	return (unsigned char *)buf_take(&o.out);
}

/* n scaled by max_side / big, rounded, at least 1 (and at most max_side). */
static unsigned
scaled(unsigned n, unsigned max_side, unsigned big)
{
	uint64_t	 v = ((uint64_t)n * max_side + big / 2) / big;

	return v == 0 ? 1 : (unsigned)v;
}

/*
 * Area-averages source row sy across into out: nw pixels of np planes,
 * colours premultiplied by alpha when there is an alpha plane (its last
 * plane).  Source pixel i spans [i*nw, (i+1)*nw) and destination pixel x
 * spans [x*w, (x+1)*w), so every overlap is an integer weight.
 */
static void
shrink_row(const struct image *img, unsigned sy, unsigned nw, unsigned np,
    double *out)
{
	const unsigned char	*px, *al = NULL;
	unsigned		 w = img->width, nc = img->gray ? 1 : 3;
	unsigned		 x, i, iend, p;
	uint64_t		 lo, hi, a0, a1;
	double			 s[4], wt, a;

	px = img->pixels + (size_t)sy * w * nc;
	if (img->alpha != NULL)
		al = img->alpha + (size_t)sy * w;
	for (x = 0; x < nw; x++) {
		lo = (uint64_t)x * w;
		hi = lo + w;
		memset(s, 0, sizeof(s));
		iend = (hi - 1) / nw;
		for (i = lo / nw; i <= iend; i++) {
			a0 = (uint64_t)i * nw > lo ? (uint64_t)i * nw : lo;
			a1 = (uint64_t)(i + 1) * nw < hi ?
			    (uint64_t)(i + 1) * nw : hi;
			wt = (double)(a1 - a0);
			a = al != NULL ? al[i] : 255;
			for (p = 0; p < nc; p++)
				s[p] += wt * px[(size_t)i * nc + p] * a / 255;
			if (al != NULL)
				s[nc] += wt * a;
		}
		for (p = 0; p < np; p++)
			out[(size_t)x * np + p] = s[p] / w;
	}
}

static unsigned char
to_byte(double v)
{
	if (v <= 0)
		return 0;
	if (v >= 255)
		return 255;
	return (unsigned char)(v + 0.5);
}

void
image_shrink(struct image *img, unsigned max_side)
{
	unsigned char	*pix, *alpha = NULL;
	double		*row, *acc, wt, a;
	unsigned	 w = img->width, h = img->height, big, nw, nh;
	unsigned	 nc, np, x, y, j, jend, p;
	uint64_t	 lo, hi, a0, a1;
	size_t		 k;

	if (max_side == 0)
		max_side = 1;
	if (img->pixels == NULL || (w <= max_side && h <= max_side))
		return;
	big = w > h ? w : h;
	nw = scaled(w, max_side, big);
	nh = scaled(h, max_side, big);
	nc = img->gray ? 1 : 3;
	np = nc + (img->alpha != NULL);

	pix = xmalloc((size_t)nw * nh * nc);
	if (img->alpha != NULL)
		alpha = xmalloc((size_t)nw * nh);
	row = xcalloc((size_t)nw * np, sizeof(*row));
	acc = xcalloc((size_t)nw * np, sizeof(*acc));
	for (y = 0; y < nh; y++) {
		/* Source row j spans [j*nh, (j+1)*nh); this row [y*h, ...). */
		memset(acc, 0, sizeof(*acc) * nw * np);
		lo = (uint64_t)y * h;
		hi = lo + h;
		jend = (hi - 1) / nh;
		for (j = lo / nh; j <= jend; j++) {
			a0 = (uint64_t)j * nh > lo ? (uint64_t)j * nh : lo;
			a1 = (uint64_t)(j + 1) * nh < hi ?
			    (uint64_t)(j + 1) * nh : hi;
			wt = (double)(a1 - a0);
			shrink_row(img, j, nw, np, row);
			for (k = 0; k < (size_t)nw * np; k++)
				acc[k] += wt * row[k];
		}
		for (x = 0; x < nw; x++) {
			k = (size_t)y * nw + x;
			a = 255;
			if (alpha != NULL) {
				a = acc[(size_t)x * np + nc] / h;
				alpha[k] = to_byte(a);
			}
			for (p = 0; p < nc; p++)
				pix[k * nc + p] = a > 0 ? to_byte(acc[(size_t)
				    x * np + p] / h * 255 / a) : 0;
		}
	}
	free(row);
	free(acc);
	free(img->pixels);
	free(img->alpha);
	img->pixels = pix;
	img->alpha = alpha;
	img->width = nw;
	img->height = nh;
}
