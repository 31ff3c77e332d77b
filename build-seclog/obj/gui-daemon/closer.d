build-seclog/obj/gui-daemon/closer.o: gui-daemon/closer.c \
 gui-daemon/closer.h gui-daemon/server.h gui-daemon/clipboard.h \
 gui-daemon/config.h gui-daemon/scene.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/list.h \
 gui-daemon/window.h protocol/proto.h protocol/utf8.h shm/shm.h \
 shm/../protocol/proto.h
gui-daemon/closer.h:
gui-daemon/server.h:
gui-daemon/clipboard.h:
gui-daemon/config.h:
gui-daemon/scene.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/list.h:
gui-daemon/window.h:
protocol/proto.h:
protocol/utf8.h:
shm/shm.h:
shm/../protocol/proto.h:
