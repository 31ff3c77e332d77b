build-seclog/obj/tests/unit/test-proto.o: tests/unit/test-proto.c \
 tests/unit/proto-util.h protocol/proto.h protocol/utf8.h
tests/unit/proto-util.h:
protocol/proto.h:
protocol/utf8.h:
