build-seclog/obj/shm/shm.o: shm/shm.c shm/shm.h shm/../protocol/proto.h \
 shm/../protocol/utf8.h
shm/shm.h:
shm/../protocol/proto.h:
shm/../protocol/utf8.h:
