build-seclog/obj/gui-daemon/control-input.o: gui-daemon/control-input.c \
 gui-daemon/control.h decorations/deco.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/domain.h \
 gui-daemon/config.h gui-daemon/list.h protocol/proto.h protocol/utf8.h \
 gui-daemon/ratelog.h gui-daemon/server.h gui-daemon/clipboard.h \
 gui-daemon/scene.h gui-daemon/window.h shm/shm.h shm/../protocol/proto.h \
 input/input.h
gui-daemon/control.h:
decorations/deco.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/domain.h:
gui-daemon/config.h:
gui-daemon/list.h:
protocol/proto.h:
protocol/utf8.h:
gui-daemon/ratelog.h:
gui-daemon/server.h:
gui-daemon/clipboard.h:
gui-daemon/scene.h:
gui-daemon/window.h:
shm/shm.h:
shm/../protocol/proto.h:
input/input.h:
