// Independent offset check in JavaScript: node corpus/tools/js_check.cjs corpus
// Decodes each article (BOM sniffing, utf-8, else gb18030) and checks text.slice(start,end).
const fs=require('fs'),path=require('path');
const dir=process.argv[2];
let bad=0,n=0;
for (const g of fs.readdirSync(path.join(dir,'gold'))) {
  const gold=JSON.parse(fs.readFileSync(path.join(dir,'gold',g),'utf8'));
  const b=fs.readFileSync(path.join(dir,gold.doc));
  let t;
  if (b[0]==0xef&&b[1]==0xbb&&b[2]==0xbf) t=new TextDecoder('utf-8').decode(b.subarray(3));
  else if (b[0]==0xff&&b[1]==0xfe) t=new TextDecoder('utf-16le').decode(b.subarray(2));
  else { try { t=new TextDecoder('utf-8',{fatal:true}).decode(b);} catch(e){ t=new TextDecoder('gb18030').decode(b);} }
  for (const m of gold.mentions){n++; if(t.slice(m.start,m.end)!==m.text){bad++;console.log('BAD',g,m.text,JSON.stringify(t.slice(m.start,m.end)));}}
  for (const p of gold.projects){n++; if(t.slice(p.start,p.end).replace(/\s+/g,'')!==p.name){bad++;console.log('BADP',g,p.name);}}
}
console.log('checked',n,'bad',bad);
