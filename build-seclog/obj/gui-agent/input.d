build-seclog/obj/gui-agent/input.o: gui-agent/input.c gui-agent/agent.h \
 gui-agent/../protocol/proto.h gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:
