build-seclog/obj/gui-agent/windows.o: gui-agent/windows.c \
 gui-agent/agent.h gui-agent/../protocol/proto.h \
 gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:
