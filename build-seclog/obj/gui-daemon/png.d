build-seclog/obj/gui-daemon/png.o: gui-daemon/png.c gui-daemon/png.h \
 /usr/include/pixman-1/pixman.h /usr/include/pixman-1/pixman-version.h \
 /usr/include/libpng16/png.h /usr/include/libpng16/pnglibconf.h \
 /usr/include/libpng16/pngconf.h
gui-daemon/png.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
/usr/include/libpng16/png.h:
/usr/include/libpng16/pnglibconf.h:
/usr/include/libpng16/pngconf.h:
