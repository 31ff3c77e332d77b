build-seclog/obj/gui-agent/keyboard.o: gui-agent/keyboard.c \
 gui-agent/agent.h gui-agent/../protocol/proto.h \
 gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:
