build-seclog/obj/gui-daemon/window.o: gui-daemon/window.c \
 gui-daemon/window.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/list.h \
 protocol/proto.h protocol/utf8.h shm/shm.h shm/../protocol/proto.h \
 gui-daemon/backend.h gui-daemon/domain.h gui-daemon/config.h \
 gui-daemon/ratelog.h gui-daemon/server.h gui-daemon/clipboard.h \
 gui-daemon/scene.h input/input.h
gui-daemon/window.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/list.h:
protocol/proto.h:
protocol/utf8.h:
shm/shm.h:
shm/../protocol/proto.h:
gui-daemon/backend.h:
gui-daemon/domain.h:
gui-daemon/config.h:
gui-daemon/ratelog.h:
gui-daemon/server.h:
gui-daemon/clipboard.h:
gui-daemon/scene.h:
input/input.h:
