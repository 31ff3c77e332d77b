build-seclog/obj/tests/unit/test-shm.o: tests/unit/test-shm.c shm/shm.h \
 shm/../protocol/proto.h shm/../protocol/utf8.h
shm/shm.h:
shm/../protocol/proto.h:
shm/../protocol/utf8.h:
