build-seclog/obj/input/router.o: input/router.c input/input.h \
 protocol/proto.h protocol/utf8.h
input/input.h:
protocol/proto.h:
protocol/utf8.h:
