build-seclog/obj/gui-daemon/config.o: gui-daemon/config.c \
 gui-daemon/config.h protocol/proto.h protocol/utf8.h shm/shm.h \
 shm/../protocol/proto.h
gui-daemon/config.h:
protocol/proto.h:
protocol/utf8.h:
shm/shm.h:
shm/../protocol/proto.h:
