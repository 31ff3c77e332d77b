build-seclog/obj/gui-daemon/render/pixman/render.o: \
 gui-daemon/render/pixman/render.c gui-daemon/render.h \
 /usr/include/pixman-1/pixman.h /usr/include/pixman-1/pixman-version.h \
 decorations/deco.h gui-daemon/domain.h gui-daemon/config.h \
 gui-daemon/list.h protocol/proto.h protocol/utf8.h gui-daemon/ratelog.h \
 gui-daemon/server.h gui-daemon/clipboard.h gui-daemon/scene.h \
 gui-daemon/window.h shm/shm.h shm/../protocol/proto.h gui-daemon/scene.h
gui-daemon/render.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
decorations/deco.h:
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
gui-daemon/scene.h:
