build-seclog/obj/tests/unit/test-policy-place.o: \
 tests/unit/test-policy-place.c tests/unit/policy-fixture.h \
 gui-daemon/backend.h /usr/include/pixman-1/pixman.h \
 /usr/include/pixman-1/pixman-version.h gui-daemon/config.h input/input.h \
 protocol/proto.h protocol/utf8.h gui-daemon/domain.h gui-daemon/config.h \
 gui-daemon/list.h gui-daemon/ratelog.h gui-daemon/server.h \
 gui-daemon/clipboard.h gui-daemon/scene.h gui-daemon/window.h shm/shm.h \
 shm/../protocol/proto.h gui-daemon/policy.h gui-daemon/scene.h \
 gui-daemon/server.h
tests/unit/policy-fixture.h:
gui-daemon/backend.h:
/usr/include/pixman-1/pixman.h:
/usr/include/pixman-1/pixman-version.h:
gui-daemon/config.h:
input/input.h:
protocol/proto.h:
protocol/utf8.h:
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
gui-daemon/policy.h:
gui-daemon/scene.h:
gui-daemon/server.h:
