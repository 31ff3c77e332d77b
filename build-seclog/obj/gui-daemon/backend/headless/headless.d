build-seclog/obj/gui-daemon/backend/headless/headless.o: \
 gui-daemon/backend/headless/headless.c gui-daemon/backend.h \
 /usr/include/pixman-1/pixman.h /usr/include/pixman-1/pixman-version.h \
 gui-daemon/render.h gui-daemon/server.h gui-daemon/clipboard.h \
 gui-daemon/config.h gui-daemon/scene.h gui-daemon/list.h \
 gui-daemon/window.h protocol/proto.h protocol/utf8.h shm/shm.h \
 shm/../protocol/proto.h
gui-daemon/backend.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/render.h:
gui-daemon/server.h:
gui-daemon/clipboard.h:
gui-daemon/config.h:
gui-daemon/scene.h:
gui-daemon/list.h:
gui-daemon/window.h:
protocol/proto.h:
protocol/utf8.h:
shm/shm.h:
shm/../protocol/proto.h:
