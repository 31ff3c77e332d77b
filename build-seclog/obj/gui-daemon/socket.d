build-seclog/obj/gui-daemon/socket.o: gui-daemon/socket.c \
 gui-daemon/domain.h gui-daemon/config.h gui-daemon/list.h \
 protocol/proto.h protocol/utf8.h gui-daemon/ratelog.h \
 gui-daemon/server.h gui-daemon/clipboard.h gui-daemon/scene.h \
 /usr/include/pixman-1/pixman.h /usr/include/pixman-1/pixman-version.h \
 gui-daemon/window.h shm/shm.h shm/../protocol/proto.h \
 gui-daemon/closer.h
gui-daemon/domain.h:
gui-daemon/config.h:
gui-daemon/list.h:
protocol/proto.h:
protocol/utf8.h:
gui-daemon/ratelog.h:
gui-daemon/server.h:
gui-daemon/clipboard.h:
gui-daemon/scene.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/window.h:
shm/shm.h:
shm/../protocol/proto.h:
gui-daemon/closer.h:
