build-seclog/obj/tests/unit/test-ratelog.o: tests/unit/test-ratelog.c \
 gui-daemon/ratelog.h
gui-daemon/ratelog.h:
