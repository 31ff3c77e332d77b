build-seclog/obj/protocol/proto-encode.o: protocol/proto-encode.c \
 protocol/wire.h protocol/proto.h protocol/utf8.h
protocol/wire.h:
protocol/proto.h:
protocol/utf8.h:
