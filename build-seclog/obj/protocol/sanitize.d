build-seclog/obj/protocol/sanitize.o: protocol/sanitize.c \
 protocol/proto.h protocol/utf8.h
protocol/proto.h:
protocol/utf8.h:
