# The body font's file damaged (as zeros, its length kept): the build
# says it cannot make the PDF, writes nothing, and leaves nothing behind
# (under make asan: no leak on libharu's error path, where the path of
# the face being loaded was lost).
set -e
real=$(readlink fonts)
rm fonts
mkdir fonts
cp "$real"/*.ttf fonts/
n=$(wc -c <fonts/LiberationSans-Regular.ttf)
head -c "$n" /dev/zero >fonts/LiberationSans-Regular.ttf
