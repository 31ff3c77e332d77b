build-seclog/obj/gui-daemon/scene.o: gui-daemon/scene.c \
 gui-daemon/scene.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/list.h \
 gui-daemon/window.h protocol/proto.h protocol/utf8.h shm/shm.h \
 shm/../protocol/proto.h gui-daemon/backend.h decorations/deco.h
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
decorations/deco.h:
