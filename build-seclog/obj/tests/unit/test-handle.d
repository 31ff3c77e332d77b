build-seclog/obj/tests/unit/test-handle.o: tests/unit/test-handle.c \
 tests/unit/proto-util.h protocol/proto.h protocol/utf8.h \
 gui-daemon/backend.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/config.h \
 gui-daemon/domain.h gui-daemon/config.h gui-daemon/list.h \
 gui-daemon/ratelog.h gui-daemon/server.h gui-daemon/clipboard.h \
 gui-daemon/scene.h gui-daemon/window.h shm/shm.h shm/../protocol/proto.h \
 gui-daemon/scene.h gui-daemon/server.h
tests/unit/proto-util.h:
protocol/proto.h:
protocol/utf8.h:
gui-daemon/backend.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/config.h:
gui-daemon/domain.h:
gui-daemon/config.h:
gui-daemon/list.h:
gui-daemon/ratelog.h:
gui-daemon/server.h:
gui-daemon/clipboard.h:
gui-daemon/scene.h:
gui-daemon/window.h:
shm/shm.h:
shm/../protocol/proto.h:
gui-daemon/scene.h:
gui-daemon/server.h:
