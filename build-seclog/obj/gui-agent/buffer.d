build-seclog/obj/gui-agent/buffer.o: gui-agent/buffer.c gui-agent/agent.h \
 gui-agent/../protocol/proto.h gui-agent/../protocol/utf8.h \
 gui-agent/../shm/shm.h gui-agent/../shm/../protocol/proto.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:
gui-agent/../shm/shm.h:
gui-agent/../shm/../protocol/proto.h:
