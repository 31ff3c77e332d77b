build-seclog/obj/gui-agent/damage.o: gui-agent/damage.c gui-agent/agent.h \
 gui-agent/../protocol/proto.h gui-agent/../protocol/utf8.h
gui-agent/agent.h:
gui-agent/../protocol/proto.h:
gui-agent/../protocol/utf8.h:
