build-seclog/obj/gui-daemon/backend/x11/x11-props.o: \
 gui-daemon/backend/x11/x11-props.c gui-daemon/backend/x11/x11.h \
 gui-daemon/backend.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/list.h \
 gui-daemon/policy.h gui-daemon/server.h gui-daemon/clipboard.h \
 gui-daemon/config.h gui-daemon/scene.h gui-daemon/list.h \
 gui-daemon/window.h protocol/proto.h protocol/utf8.h shm/shm.h \
 shm/../protocol/proto.h gui-daemon/window.h gui-daemon/domain.h \
 gui-daemon/ratelog.h gui-daemon/server.h
gui-daemon/backend/x11/x11.h:
gui-daemon/backend.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/list.h:
gui-daemon/policy.h:
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
gui-daemon/window.h:
gui-daemon/domain.h:
gui-daemon/ratelog.h:
gui-daemon/server.h:
