build-seclog/obj/tests/unit/test-hints.o: tests/unit/test-hints.c \
 tests/unit/proto-util.h protocol/proto.h protocol/utf8.h
tests/unit/proto-util.h:
protocol/proto.h:
protocol/utf8.h:
