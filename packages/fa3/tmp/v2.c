#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int argc,char**argv){
  xmlSchemaParserCtxtPtr pc=xmlSchemaNewParserCtxt(argv[1]); xmlSchemaPtr s=xmlSchemaParse(pc);
  FILE*f=fopen(argv[2],"rb");fseek(f,0,2);long n=ftell(f);fseek(f,0,0);char*buf=malloc(n);fread(buf,1,n,f);fclose(f);
  xmlSchemaValidCtxtPtr vc=xmlSchemaNewValidCtxt(s); xmlParserCtxtPtr pc2=xmlNewParserCtxt(); int reuse=argc>3;
  int opts=XML_PARSE_NONET|XML_PARSE_COMPACT|XML_PARSE_NOBLANKS;
  for(int pass=0;pass<2;pass++){
  double t0=now();int it=0;double tp=0,tv=0;
  while(now()-t0<2){double a=now();xmlDocPtr d=reuse?xmlCtxtReadMemory(pc2,buf,n,NULL,NULL,opts):xmlReadMemory(buf,n,NULL,NULL,opts);double b=now();int r=xmlSchemaValidateDoc(vc,d);double c=now();xmlFreeDoc(d);if(r!=0){printf("invalid %d\n",r);return 1;}tp+=b-a;tv+=c-b;it++;}
  double el=now()-t0; printf("%s: %.0f/s parse %.1f us validate %.1f us\n",argv[2],it/el,tp/it*1e6,tv/it*1e6);}
}
