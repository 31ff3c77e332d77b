build-seclog/obj/tests/unit/test-proto-bad.o: tests/unit/test-proto-bad.c \
 tests/unit/proto-util.h protocol/proto.h protocol/utf8.h
tests/unit/proto-util.h:
protocol/proto.h:
protocol/utf8.h:
