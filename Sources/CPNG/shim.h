// libpng 1.6 (Debian: libpng-dev). cnnrt uses only its simplified API (png_image), which reports
// errors through return values instead of longjmp.
#include <png.h>
