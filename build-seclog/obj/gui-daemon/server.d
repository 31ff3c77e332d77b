build-seclog/obj/gui-daemon/server.o: gui-daemon/server.c \
 gui-daemon/server.h gui-daemon/clipboard.h gui-daemon/config.h \
 gui-daemon/scene.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/list.h \
 gui-daemon/window.h protocol/proto.h protocol/utf8.h shm/shm.h \
 shm/../protocol/proto.h gui-daemon/backend.h gui-daemon/domain.h \
 gui-daemon/ratelog.h input/input.h
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
gui-daemon/backend.h:
gui-daemon/domain.h:
gui-daemon/ratelog.h:
input/input.h:
