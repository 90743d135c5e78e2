$ create d slab pool=8M size=192 zero=0
created instance=d backend=slab family=object id=1 zero=0
$ create p slab pool=8M size=512 zero=0
created instance=p backend=slab family=object id=2 zero=0
$ create t slab pool=8M size=64 zero=0
created instance=t backend=slab family=object id=3 zero=0
$ create b buddy pool=4M pcp=0 zero=0
created instance=b backend=buddy family=page id=4 zero=0
$ create h first-fit pool=64K zero=0
created instance=h backend=first-fit family=heap id=5 zero=0
$ alloc d 192
handle=0 size=192 usable=192
$ alloc d 192
handle=1 size=192 usable=192
$ alloc d 192
handle=2 size=192 usable=192
$ alloc d 192
handle=3 size=192 usable=192
$ alloc d 192
handle=4 size=192 usable=192
$ alloc d 192
handle=5 size=192 usable=192
$ alloc d 192
handle=6 size=192 usable=192
$ alloc d 192
handle=7 size=192 usable=192
$ alloc d 192
handle=8 size=192 usable=192
$ alloc d 192
handle=9 size=192 usable=192
$ alloc d 192
handle=10 size=192 usable=192
$ alloc d 192
handle=11 size=192 usable=192
$ alloc d 192
handle=12 size=192 usable=192
$ alloc d 192
handle=13 size=192 usable=192
$ alloc d 192
handle=14 size=192 usable=192
$ alloc d 192
handle=15 size=192 usable=192
$ alloc d 192
handle=16 size=192 usable=192
$ alloc d 192
handle=17 size=192 usable=192
$ alloc d 192
handle=18 size=192 usable=192
$ alloc d 192
handle=19 size=192 usable=192
$ alloc d 192
handle=20 size=192 usable=192
$ alloc d 192
handle=21 size=192 usable=192
$ alloc d 192
handle=22 size=192 usable=192
$ alloc d 192
handle=23 size=192 usable=192
$ alloc d 192
handle=24 size=192 usable=192
$ alloc d 192
handle=25 size=192 usable=192
$ alloc d 192
handle=26 size=192 usable=192
$ alloc d 192
handle=27 size=192 usable=192
$ alloc d 192
handle=28 size=192 usable=192
$ alloc d 192
handle=29 size=192 usable=192
$ alloc d 192
handle=30 size=192 usable=192
$ alloc d 192
handle=31 size=192 usable=192
$ alloc d 192
handle=32 size=192 usable=192
$ alloc d 192
handle=33 size=192 usable=192
$ alloc d 192
handle=34 size=192 usable=192
$ alloc d 192
handle=35 size=192 usable=192
$ alloc d 192
handle=36 size=192 usable=192
$ alloc d 192
handle=37 size=192 usable=192
$ alloc d 192
handle=38 size=192 usable=192
$ alloc d 192
handle=39 size=192 usable=192
$ alloc d 192
handle=40 size=192 usable=192
$ alloc d 192
handle=41 size=192 usable=192
$ alloc d 192
handle=42 size=192 usable=192
$ alloc d 192
handle=43 size=192 usable=192
$ alloc d 192
handle=44 size=192 usable=192
$ alloc d 192
handle=45 size=192 usable=192
$ alloc d 192
handle=46 size=192 usable=192
$ alloc d 192
handle=47 size=192 usable=192
$ alloc d 192
handle=48 size=192 usable=192
$ alloc d 192
handle=49 size=192 usable=192
$ alloc d 192
handle=50 size=192 usable=192
$ alloc d 192
handle=51 size=192 usable=192
$ alloc d 192
handle=52 size=192 usable=192
$ alloc d 192
handle=53 size=192 usable=192
$ alloc d 192
handle=54 size=192 usable=192
$ alloc d 192
handle=55 size=192 usable=192
$ alloc d 192
handle=56 size=192 usable=192
$ alloc d 192
handle=57 size=192 usable=192
$ alloc d 192
handle=58 size=192 usable=192
$ alloc d 192
handle=59 size=192 usable=192
$ alloc d 192
handle=60 size=192 usable=192
$ alloc d 192
handle=61 size=192 usable=192
$ alloc d 192
handle=62 size=192 usable=192
$ alloc d 192
handle=63 size=192 usable=192
$ alloc d 192
handle=64 size=192 usable=192
$ alloc d 192
handle=65 size=192 usable=192
$ alloc d 192
handle=66 size=192 usable=192
$ alloc d 192
handle=67 size=192 usable=192
$ alloc d 192
handle=68 size=192 usable=192
$ alloc d 192
handle=69 size=192 usable=192
$ alloc d 192
handle=70 size=192 usable=192
$ alloc d 192
handle=71 size=192 usable=192
$ alloc d 192
handle=72 size=192 usable=192
$ alloc d 192
handle=73 size=192 usable=192
$ alloc d 192
handle=74 size=192 usable=192
$ alloc d 192
handle=75 size=192 usable=192
$ alloc d 192
handle=76 size=192 usable=192
$ alloc d 192
handle=77 size=192 usable=192
$ alloc d 192
handle=78 size=192 usable=192
$ alloc d 192
handle=79 size=192 usable=192
$ alloc d 192
handle=80 size=192 usable=192
$ alloc d 192
handle=81 size=192 usable=192
$ alloc d 192
handle=82 size=192 usable=192
$ alloc d 192
handle=83 size=192 usable=192
$ alloc d 192
handle=84 size=192 usable=192
$ alloc d 192
handle=85 size=192 usable=192
$ alloc d 192
handle=86 size=192 usable=192
$ alloc d 192
handle=87 size=192 usable=192
$ alloc d 192
handle=88 size=192 usable=192
$ alloc d 192
handle=89 size=192 usable=192
$ alloc d 192
handle=90 size=192 usable=192
$ alloc d 192
handle=91 size=192 usable=192
$ alloc d 192
handle=92 size=192 usable=192
$ alloc d 192
handle=93 size=192 usable=192
$ alloc d 192
handle=94 size=192 usable=192
$ alloc d 192
handle=95 size=192 usable=192
$ alloc d 192
handle=96 size=192 usable=192
$ alloc d 192
handle=97 size=192 usable=192
$ alloc d 192
handle=98 size=192 usable=192
$ alloc d 192
handle=99 size=192 usable=192
$ alloc d 192
handle=100 size=192 usable=192
$ alloc d 192
handle=101 size=192 usable=192
$ alloc d 192
handle=102 size=192 usable=192
$ alloc d 192
handle=103 size=192 usable=192
$ alloc d 192
handle=104 size=192 usable=192
$ alloc d 192
handle=105 size=192 usable=192
$ alloc d 192
handle=106 size=192 usable=192
$ alloc d 192
handle=107 size=192 usable=192
$ alloc d 192
handle=108 size=192 usable=192
$ alloc d 192
handle=109 size=192 usable=192
$ alloc d 192
handle=110 size=192 usable=192
$ alloc d 192
handle=111 size=192 usable=192
$ alloc d 192
handle=112 size=192 usable=192
$ alloc d 192
handle=113 size=192 usable=192
$ alloc d 192
handle=114 size=192 usable=192
$ alloc d 192
handle=115 size=192 usable=192
$ alloc d 192
handle=116 size=192 usable=192
$ alloc d 192
handle=117 size=192 usable=192
$ alloc d 192
handle=118 size=192 usable=192
$ alloc d 192
handle=119 size=192 usable=192
$ alloc d 192
handle=120 size=192 usable=192
$ alloc d 192
handle=121 size=192 usable=192
$ alloc d 192
handle=122 size=192 usable=192
$ alloc d 192
handle=123 size=192 usable=192
$ alloc d 192
handle=124 size=192 usable=192
$ alloc d 192
handle=125 size=192 usable=192
$ alloc d 192
handle=126 size=192 usable=192
$ alloc d 192
handle=127 size=192 usable=192
$ alloc d 192
handle=128 size=192 usable=192
$ alloc d 192
handle=129 size=192 usable=192
$ alloc d 192
handle=130 size=192 usable=192
$ alloc d 192
handle=131 size=192 usable=192
$ alloc d 192
handle=132 size=192 usable=192
$ alloc d 192
handle=133 size=192 usable=192
$ alloc d 192
handle=134 size=192 usable=192
$ alloc d 192
handle=135 size=192 usable=192
$ alloc d 192
handle=136 size=192 usable=192
$ alloc d 192
handle=137 size=192 usable=192
$ alloc d 192
handle=138 size=192 usable=192
$ alloc d 192
handle=139 size=192 usable=192
$ alloc d 192
handle=140 size=192 usable=192
$ alloc d 192
handle=141 size=192 usable=192
$ alloc d 192
handle=142 size=192 usable=192
$ alloc d 192
handle=143 size=192 usable=192
$ alloc d 192
handle=144 size=192 usable=192
$ alloc d 192
handle=145 size=192 usable=192
$ alloc d 192
handle=146 size=192 usable=192
$ alloc d 192
handle=147 size=192 usable=192
$ alloc d 192
handle=148 size=192 usable=192
$ alloc d 192
handle=149 size=192 usable=192
$ alloc d 192
handle=150 size=192 usable=192
$ alloc d 192
handle=151 size=192 usable=192
$ alloc d 192
handle=152 size=192 usable=192
$ alloc d 192
handle=153 size=192 usable=192
$ alloc d 192
handle=154 size=192 usable=192
$ alloc d 192
handle=155 size=192 usable=192
$ alloc d 192
handle=156 size=192 usable=192
$ alloc d 192
handle=157 size=192 usable=192
$ alloc d 192
handle=158 size=192 usable=192
$ alloc d 192
handle=159 size=192 usable=192
$ alloc d 192
handle=160 size=192 usable=192
$ alloc d 192
handle=161 size=192 usable=192
$ alloc d 192
handle=162 size=192 usable=192
$ alloc d 192
handle=163 size=192 usable=192
$ alloc d 192
handle=164 size=192 usable=192
$ alloc d 192
handle=165 size=192 usable=192
$ alloc d 192
handle=166 size=192 usable=192
$ alloc d 192
handle=167 size=192 usable=192
$ alloc d 192
handle=168 size=192 usable=192
$ alloc d 192
handle=169 size=192 usable=192
$ alloc d 192
handle=170 size=192 usable=192
$ alloc d 192
handle=171 size=192 usable=192
$ alloc d 192
handle=172 size=192 usable=192
$ alloc d 192
handle=173 size=192 usable=192
$ alloc d 192
handle=174 size=192 usable=192
$ alloc d 192
handle=175 size=192 usable=192
$ alloc d 192
handle=176 size=192 usable=192
$ alloc d 192
handle=177 size=192 usable=192
$ alloc d 192
handle=178 size=192 usable=192
$ alloc d 192
handle=179 size=192 usable=192
$ alloc d 192
handle=180 size=192 usable=192
$ alloc d 192
handle=181 size=192 usable=192
$ alloc d 192
handle=182 size=192 usable=192
$ alloc d 192
handle=183 size=192 usable=192
$ alloc d 192
handle=184 size=192 usable=192
$ alloc d 192
handle=185 size=192 usable=192
$ alloc d 192
handle=186 size=192 usable=192
$ alloc d 192
handle=187 size=192 usable=192
$ alloc d 192
handle=188 size=192 usable=192
$ alloc d 192
handle=189 size=192 usable=192
$ alloc d 192
handle=190 size=192 usable=192
$ alloc d 192
handle=191 size=192 usable=192
$ alloc d 192
handle=192 size=192 usable=192
$ alloc d 192
handle=193 size=192 usable=192
$ alloc d 192
handle=194 size=192 usable=192
$ alloc d 192
handle=195 size=192 usable=192
$ alloc d 192
handle=196 size=192 usable=192
$ alloc d 192
handle=197 size=192 usable=192
$ alloc d 192
handle=198 size=192 usable=192
$ alloc d 192
handle=199 size=192 usable=192
$ alloc d 192
handle=200 size=192 usable=192
$ alloc d 192
handle=201 size=192 usable=192
$ alloc d 192
handle=202 size=192 usable=192
$ alloc d 192
handle=203 size=192 usable=192
$ alloc d 192
handle=204 size=192 usable=192
$ alloc d 192
handle=205 size=192 usable=192
$ alloc d 192
handle=206 size=192 usable=192
$ alloc d 192
handle=207 size=192 usable=192
$ alloc d 192
handle=208 size=192 usable=192
$ alloc d 192
handle=209 size=192 usable=192
$ alloc d 192
handle=210 size=192 usable=192
$ alloc d 192
handle=211 size=192 usable=192
$ alloc d 192
handle=212 size=192 usable=192
$ alloc d 192
handle=213 size=192 usable=192
$ alloc d 192
handle=214 size=192 usable=192
$ alloc d 192
handle=215 size=192 usable=192
$ alloc d 192
handle=216 size=192 usable=192
$ alloc d 192
handle=217 size=192 usable=192
$ alloc d 192
handle=218 size=192 usable=192
$ alloc d 192
handle=219 size=192 usable=192
$ alloc d 192
handle=220 size=192 usable=192
$ alloc d 192
handle=221 size=192 usable=192
$ alloc d 192
handle=222 size=192 usable=192
$ alloc d 192
handle=223 size=192 usable=192
$ alloc d 192
handle=224 size=192 usable=192
$ alloc d 192
handle=225 size=192 usable=192
$ alloc d 192
handle=226 size=192 usable=192
$ alloc d 192
handle=227 size=192 usable=192
$ alloc d 192
handle=228 size=192 usable=192
$ alloc d 192
handle=229 size=192 usable=192
$ alloc d 192
handle=230 size=192 usable=192
$ alloc d 192
handle=231 size=192 usable=192
$ alloc d 192
handle=232 size=192 usable=192
$ alloc d 192
handle=233 size=192 usable=192
$ alloc d 192
handle=234 size=192 usable=192
$ alloc d 192
handle=235 size=192 usable=192
$ alloc d 192
handle=236 size=192 usable=192
$ alloc d 192
handle=237 size=192 usable=192
$ alloc d 192
handle=238 size=192 usable=192
$ alloc d 192
handle=239 size=192 usable=192
$ alloc d 192
handle=240 size=192 usable=192
$ alloc d 192
handle=241 size=192 usable=192
$ alloc d 192
handle=242 size=192 usable=192
$ alloc d 192
handle=243 size=192 usable=192
$ alloc d 192
handle=244 size=192 usable=192
$ alloc d 192
handle=245 size=192 usable=192
$ alloc d 192
handle=246 size=192 usable=192
$ alloc d 192
handle=247 size=192 usable=192
$ alloc d 192
handle=248 size=192 usable=192
$ alloc d 192
handle=249 size=192 usable=192
$ alloc d 192
handle=250 size=192 usable=192
$ alloc d 192
handle=251 size=192 usable=192
$ alloc d 192
handle=252 size=192 usable=192
$ alloc d 192
handle=253 size=192 usable=192
$ alloc d 192
handle=254 size=192 usable=192
$ alloc d 192
handle=255 size=192 usable=192
$ alloc d 192
handle=256 size=192 usable=192
$ alloc d 192
handle=257 size=192 usable=192
$ alloc d 192
handle=258 size=192 usable=192
$ alloc d 192
handle=259 size=192 usable=192
$ alloc d 192
handle=260 size=192 usable=192
$ alloc d 192
handle=261 size=192 usable=192
$ alloc d 192
handle=262 size=192 usable=192
$ alloc d 192
handle=263 size=192 usable=192
$ alloc d 192
handle=264 size=192 usable=192
$ alloc d 192
handle=265 size=192 usable=192
$ alloc d 192
handle=266 size=192 usable=192
$ alloc d 192
handle=267 size=192 usable=192
$ alloc d 192
handle=268 size=192 usable=192
$ alloc d 192
handle=269 size=192 usable=192
$ alloc d 192
handle=270 size=192 usable=192
$ alloc d 192
handle=271 size=192 usable=192
$ alloc d 192
handle=272 size=192 usable=192
$ alloc d 192
handle=273 size=192 usable=192
$ alloc d 192
handle=274 size=192 usable=192
$ alloc d 192
handle=275 size=192 usable=192
$ alloc d 192
handle=276 size=192 usable=192
$ alloc d 192
handle=277 size=192 usable=192
$ alloc d 192
handle=278 size=192 usable=192
$ alloc d 192
handle=279 size=192 usable=192
$ alloc d 192
handle=280 size=192 usable=192
$ alloc d 192
handle=281 size=192 usable=192
$ alloc d 192
handle=282 size=192 usable=192
$ alloc d 192
handle=283 size=192 usable=192
$ alloc d 192
handle=284 size=192 usable=192
$ alloc d 192
handle=285 size=192 usable=192
$ alloc d 192
handle=286 size=192 usable=192
$ alloc d 192
handle=287 size=192 usable=192
$ alloc d 192
handle=288 size=192 usable=192
$ alloc d 192
handle=289 size=192 usable=192
$ alloc d 192
handle=290 size=192 usable=192
$ alloc d 192
handle=291 size=192 usable=192
$ alloc d 192
handle=292 size=192 usable=192
$ alloc d 192
handle=293 size=192 usable=192
$ alloc d 192
handle=294 size=192 usable=192
$ alloc d 192
handle=295 size=192 usable=192
$ alloc d 192
handle=296 size=192 usable=192
$ alloc d 192
handle=297 size=192 usable=192
$ alloc d 192
handle=298 size=192 usable=192
$ alloc d 192
handle=299 size=192 usable=192
$ alloc d 192
handle=300 size=192 usable=192
$ alloc d 192
handle=301 size=192 usable=192
$ alloc d 192
handle=302 size=192 usable=192
$ alloc d 192
handle=303 size=192 usable=192
$ alloc d 192
handle=304 size=192 usable=192
$ alloc d 192
handle=305 size=192 usable=192
$ alloc d 192
handle=306 size=192 usable=192
$ alloc d 192
handle=307 size=192 usable=192
$ alloc d 192
handle=308 size=192 usable=192
$ alloc d 192
handle=309 size=192 usable=192
$ alloc d 192
handle=310 size=192 usable=192
$ alloc d 192
handle=311 size=192 usable=192
$ alloc d 192
handle=312 size=192 usable=192
$ alloc d 192
handle=313 size=192 usable=192
$ alloc d 192
handle=314 size=192 usable=192
$ alloc d 192
handle=315 size=192 usable=192
$ alloc d 192
handle=316 size=192 usable=192
$ alloc d 192
handle=317 size=192 usable=192
$ alloc d 192
handle=318 size=192 usable=192
$ alloc d 192
handle=319 size=192 usable=192
$ alloc d 192
handle=320 size=192 usable=192
$ alloc d 192
handle=321 size=192 usable=192
$ alloc d 192
handle=322 size=192 usable=192
$ alloc d 192
handle=323 size=192 usable=192
$ alloc d 192
handle=324 size=192 usable=192
$ alloc d 192
handle=325 size=192 usable=192
$ alloc d 192
handle=326 size=192 usable=192
$ alloc d 192
handle=327 size=192 usable=192
$ alloc d 192
handle=328 size=192 usable=192
$ alloc d 192
handle=329 size=192 usable=192
$ alloc d 192
handle=330 size=192 usable=192
$ alloc d 192
handle=331 size=192 usable=192
$ alloc d 192
handle=332 size=192 usable=192
$ alloc d 192
handle=333 size=192 usable=192
$ alloc d 192
handle=334 size=192 usable=192
$ alloc d 192
handle=335 size=192 usable=192
$ alloc d 192
handle=336 size=192 usable=192
$ alloc d 192
handle=337 size=192 usable=192
$ alloc d 192
handle=338 size=192 usable=192
$ alloc d 192
handle=339 size=192 usable=192
$ alloc d 192
handle=340 size=192 usable=192
$ alloc d 192
handle=341 size=192 usable=192
$ alloc d 192
handle=342 size=192 usable=192
$ alloc d 192
handle=343 size=192 usable=192
$ alloc d 192
handle=344 size=192 usable=192
$ alloc d 192
handle=345 size=192 usable=192
$ alloc d 192
handle=346 size=192 usable=192
$ alloc d 192
handle=347 size=192 usable=192
$ alloc d 192
handle=348 size=192 usable=192
$ alloc d 192
handle=349 size=192 usable=192
$ alloc d 192
handle=350 size=192 usable=192
$ alloc d 192
handle=351 size=192 usable=192
$ alloc d 192
handle=352 size=192 usable=192
$ alloc d 192
handle=353 size=192 usable=192
$ alloc d 192
handle=354 size=192 usable=192
$ alloc d 192
handle=355 size=192 usable=192
$ alloc d 192
handle=356 size=192 usable=192
$ alloc d 192
handle=357 size=192 usable=192
$ alloc d 192
handle=358 size=192 usable=192
$ alloc d 192
handle=359 size=192 usable=192
$ alloc d 192
handle=360 size=192 usable=192
$ alloc d 192
handle=361 size=192 usable=192
$ alloc d 192
handle=362 size=192 usable=192
$ alloc d 192
handle=363 size=192 usable=192
$ alloc d 192
handle=364 size=192 usable=192
$ alloc d 192
handle=365 size=192 usable=192
$ alloc d 192
handle=366 size=192 usable=192
$ alloc d 192
handle=367 size=192 usable=192
$ alloc d 192
handle=368 size=192 usable=192
$ alloc d 192
handle=369 size=192 usable=192
$ alloc d 192
handle=370 size=192 usable=192
$ alloc d 192
handle=371 size=192 usable=192
$ alloc d 192
handle=372 size=192 usable=192
$ alloc d 192
handle=373 size=192 usable=192
$ alloc d 192
handle=374 size=192 usable=192
$ alloc d 192
handle=375 size=192 usable=192
$ alloc d 192
handle=376 size=192 usable=192
$ alloc d 192
handle=377 size=192 usable=192
$ alloc d 192
handle=378 size=192 usable=192
$ alloc d 192
handle=379 size=192 usable=192
$ alloc d 192
handle=380 size=192 usable=192
$ alloc d 192
handle=381 size=192 usable=192
$ alloc d 192
handle=382 size=192 usable=192
$ alloc d 192
handle=383 size=192 usable=192
$ alloc d 192
handle=384 size=192 usable=192
$ alloc d 192
handle=385 size=192 usable=192
$ alloc d 192
handle=386 size=192 usable=192
$ alloc d 192
handle=387 size=192 usable=192
$ alloc d 192
handle=388 size=192 usable=192
$ alloc d 192
handle=389 size=192 usable=192
$ alloc d 192
handle=390 size=192 usable=192
$ alloc d 192
handle=391 size=192 usable=192
$ alloc d 192
handle=392 size=192 usable=192
$ alloc d 192
handle=393 size=192 usable=192
$ alloc d 192
handle=394 size=192 usable=192
$ alloc d 192
handle=395 size=192 usable=192
$ alloc d 192
handle=396 size=192 usable=192
$ alloc d 192
handle=397 size=192 usable=192
$ alloc d 192
handle=398 size=192 usable=192
$ alloc d 192
handle=399 size=192 usable=192
$ alloc d 192
handle=400 size=192 usable=192
$ alloc d 192
handle=401 size=192 usable=192
$ alloc d 192
handle=402 size=192 usable=192
$ alloc d 192
handle=403 size=192 usable=192
$ alloc d 192
handle=404 size=192 usable=192
$ alloc d 192
handle=405 size=192 usable=192
$ alloc d 192
handle=406 size=192 usable=192
$ alloc d 192
handle=407 size=192 usable=192
$ alloc d 192
handle=408 size=192 usable=192
$ alloc d 192
handle=409 size=192 usable=192
$ alloc d 192
handle=410 size=192 usable=192
$ alloc d 192
handle=411 size=192 usable=192
$ alloc d 192
handle=412 size=192 usable=192
$ alloc d 192
handle=413 size=192 usable=192
$ alloc d 192
handle=414 size=192 usable=192
$ alloc d 192
handle=415 size=192 usable=192
$ alloc d 192
handle=416 size=192 usable=192
$ alloc d 192
handle=417 size=192 usable=192
$ alloc d 192
handle=418 size=192 usable=192
$ alloc d 192
handle=419 size=192 usable=192
$ alloc d 192
handle=420 size=192 usable=192
$ alloc d 192
handle=421 size=192 usable=192
$ alloc d 192
handle=422 size=192 usable=192
$ alloc d 192
handle=423 size=192 usable=192
$ alloc d 192
handle=424 size=192 usable=192
$ alloc d 192
handle=425 size=192 usable=192
$ alloc d 192
handle=426 size=192 usable=192
$ alloc d 192
handle=427 size=192 usable=192
$ alloc d 192
handle=428 size=192 usable=192
$ alloc d 192
handle=429 size=192 usable=192
$ alloc d 192
handle=430 size=192 usable=192
$ alloc d 192
handle=431 size=192 usable=192
$ alloc d 192
handle=432 size=192 usable=192
$ alloc d 192
handle=433 size=192 usable=192
$ alloc d 192
handle=434 size=192 usable=192
$ alloc d 192
handle=435 size=192 usable=192
$ alloc d 192
handle=436 size=192 usable=192
$ alloc d 192
handle=437 size=192 usable=192
$ alloc d 192
handle=438 size=192 usable=192
$ alloc d 192
handle=439 size=192 usable=192
$ alloc d 192
handle=440 size=192 usable=192
$ alloc d 192
handle=441 size=192 usable=192
$ alloc d 192
handle=442 size=192 usable=192
$ alloc d 192
handle=443 size=192 usable=192
$ alloc d 192
handle=444 size=192 usable=192
$ alloc d 192
handle=445 size=192 usable=192
$ alloc d 192
handle=446 size=192 usable=192
$ alloc d 192
handle=447 size=192 usable=192
$ alloc d 192
handle=448 size=192 usable=192
$ alloc d 192
handle=449 size=192 usable=192
$ alloc d 192
handle=450 size=192 usable=192
$ alloc d 192
handle=451 size=192 usable=192
$ alloc d 192
handle=452 size=192 usable=192
$ alloc d 192
handle=453 size=192 usable=192
$ alloc d 192
handle=454 size=192 usable=192
$ alloc d 192
handle=455 size=192 usable=192
$ alloc d 192
handle=456 size=192 usable=192
$ alloc d 192
handle=457 size=192 usable=192
$ alloc d 192
handle=458 size=192 usable=192
$ alloc d 192
handle=459 size=192 usable=192
$ alloc d 192
handle=460 size=192 usable=192
$ alloc d 192
handle=461 size=192 usable=192
$ alloc d 192
handle=462 size=192 usable=192
$ alloc d 192
handle=463 size=192 usable=192
$ alloc d 192
handle=464 size=192 usable=192
$ alloc d 192
handle=465 size=192 usable=192
$ alloc d 192
handle=466 size=192 usable=192
$ alloc d 192
handle=467 size=192 usable=192
$ alloc d 192
handle=468 size=192 usable=192
$ alloc d 192
handle=469 size=192 usable=192
$ alloc d 192
handle=470 size=192 usable=192
$ alloc d 192
handle=471 size=192 usable=192
$ alloc d 192
handle=472 size=192 usable=192
$ alloc d 192
handle=473 size=192 usable=192
$ alloc d 192
handle=474 size=192 usable=192
$ alloc d 192
handle=475 size=192 usable=192
$ alloc d 192
handle=476 size=192 usable=192
$ alloc d 192
handle=477 size=192 usable=192
$ alloc d 192
handle=478 size=192 usable=192
$ alloc d 192
handle=479 size=192 usable=192
$ alloc d 192
handle=480 size=192 usable=192
$ alloc d 192
handle=481 size=192 usable=192
$ alloc d 192
handle=482 size=192 usable=192
$ alloc d 192
handle=483 size=192 usable=192
$ alloc d 192
handle=484 size=192 usable=192
$ alloc d 192
handle=485 size=192 usable=192
$ alloc d 192
handle=486 size=192 usable=192
$ alloc d 192
handle=487 size=192 usable=192
$ alloc d 192
handle=488 size=192 usable=192
$ alloc d 192
handle=489 size=192 usable=192
$ alloc d 192
handle=490 size=192 usable=192
$ alloc d 192
handle=491 size=192 usable=192
$ alloc d 192
handle=492 size=192 usable=192
$ alloc d 192
handle=493 size=192 usable=192
$ alloc d 192
handle=494 size=192 usable=192
$ alloc d 192
handle=495 size=192 usable=192
$ alloc d 192
handle=496 size=192 usable=192
$ alloc d 192
handle=497 size=192 usable=192
$ alloc d 192
handle=498 size=192 usable=192
$ alloc d 192
handle=499 size=192 usable=192
$ alloc d 192
handle=500 size=192 usable=192
$ alloc d 192
handle=501 size=192 usable=192
$ alloc d 192
handle=502 size=192 usable=192
$ alloc d 192
handle=503 size=192 usable=192
$ alloc d 192
handle=504 size=192 usable=192
$ alloc d 192
handle=505 size=192 usable=192
$ alloc d 192
handle=506 size=192 usable=192
$ alloc d 192
handle=507 size=192 usable=192
$ alloc d 192
handle=508 size=192 usable=192
$ alloc d 192
handle=509 size=192 usable=192
$ alloc d 192
handle=510 size=192 usable=192
$ alloc d 192
handle=511 size=192 usable=192
$ alloc d 192
handle=512 size=192 usable=192
$ alloc d 192
handle=513 size=192 usable=192
$ alloc d 192
handle=514 size=192 usable=192
$ alloc d 192
handle=515 size=192 usable=192
$ alloc d 192
handle=516 size=192 usable=192
$ alloc d 192
handle=517 size=192 usable=192
$ alloc d 192
handle=518 size=192 usable=192
$ alloc d 192
handle=519 size=192 usable=192
$ alloc d 192
handle=520 size=192 usable=192
$ alloc d 192
handle=521 size=192 usable=192
$ alloc d 192
handle=522 size=192 usable=192
$ alloc d 192
handle=523 size=192 usable=192
$ alloc d 192
handle=524 size=192 usable=192
$ alloc d 192
handle=525 size=192 usable=192
$ alloc d 192
handle=526 size=192 usable=192
$ alloc d 192
handle=527 size=192 usable=192
$ alloc d 192
handle=528 size=192 usable=192
$ alloc d 192
handle=529 size=192 usable=192
$ alloc d 192
handle=530 size=192 usable=192
$ alloc d 192
handle=531 size=192 usable=192
$ alloc d 192
handle=532 size=192 usable=192
$ alloc d 192
handle=533 size=192 usable=192
$ alloc d 192
handle=534 size=192 usable=192
$ alloc d 192
handle=535 size=192 usable=192
$ alloc d 192
handle=536 size=192 usable=192
$ alloc d 192
handle=537 size=192 usable=192
$ alloc d 192
handle=538 size=192 usable=192
$ alloc d 192
handle=539 size=192 usable=192
$ alloc d 192
handle=540 size=192 usable=192
$ alloc d 192
handle=541 size=192 usable=192
$ alloc d 192
handle=542 size=192 usable=192
$ alloc d 192
handle=543 size=192 usable=192
$ alloc d 192
handle=544 size=192 usable=192
$ alloc d 192
handle=545 size=192 usable=192
$ alloc d 192
handle=546 size=192 usable=192
$ alloc d 192
handle=547 size=192 usable=192
$ alloc d 192
handle=548 size=192 usable=192
$ alloc d 192
handle=549 size=192 usable=192
$ alloc d 192
handle=550 size=192 usable=192
$ alloc d 192
handle=551 size=192 usable=192
$ alloc d 192
handle=552 size=192 usable=192
$ alloc d 192
handle=553 size=192 usable=192
$ alloc d 192
handle=554 size=192 usable=192
$ alloc d 192
handle=555 size=192 usable=192
$ alloc d 192
handle=556 size=192 usable=192
$ alloc d 192
handle=557 size=192 usable=192
$ alloc d 192
handle=558 size=192 usable=192
$ alloc d 192
handle=559 size=192 usable=192
$ alloc d 192
handle=560 size=192 usable=192
$ alloc d 192
handle=561 size=192 usable=192
$ alloc d 192
handle=562 size=192 usable=192
$ alloc d 192
handle=563 size=192 usable=192
$ alloc d 192
handle=564 size=192 usable=192
$ alloc d 192
handle=565 size=192 usable=192
$ alloc d 192
handle=566 size=192 usable=192
$ alloc d 192
handle=567 size=192 usable=192
$ alloc d 192
handle=568 size=192 usable=192
$ alloc d 192
handle=569 size=192 usable=192
$ alloc d 192
handle=570 size=192 usable=192
$ alloc d 192
handle=571 size=192 usable=192
$ alloc d 192
handle=572 size=192 usable=192
$ alloc d 192
handle=573 size=192 usable=192
$ alloc d 192
handle=574 size=192 usable=192
$ alloc d 192
handle=575 size=192 usable=192
$ alloc d 192
handle=576 size=192 usable=192
$ alloc d 192
handle=577 size=192 usable=192
$ alloc d 192
handle=578 size=192 usable=192
$ alloc d 192
handle=579 size=192 usable=192
$ alloc d 192
handle=580 size=192 usable=192
$ alloc d 192
handle=581 size=192 usable=192
$ alloc d 192
handle=582 size=192 usable=192
$ alloc d 192
handle=583 size=192 usable=192
$ alloc d 192
handle=584 size=192 usable=192
$ alloc d 192
handle=585 size=192 usable=192
$ alloc d 192
handle=586 size=192 usable=192
$ alloc d 192
handle=587 size=192 usable=192
$ alloc d 192
handle=588 size=192 usable=192
$ alloc d 192
handle=589 size=192 usable=192
$ alloc d 192
handle=590 size=192 usable=192
$ alloc d 192
handle=591 size=192 usable=192
$ alloc d 192
handle=592 size=192 usable=192
$ alloc d 192
handle=593 size=192 usable=192
$ alloc d 192
handle=594 size=192 usable=192
$ alloc d 192
handle=595 size=192 usable=192
$ alloc d 192
handle=596 size=192 usable=192
$ alloc d 192
handle=597 size=192 usable=192
$ alloc d 192
handle=598 size=192 usable=192
$ alloc d 192
handle=599 size=192 usable=192
$ free d 1
freed handle=1 size=192 usable=192
$ free d 2
freed handle=2 size=192 usable=192
$ free d 3
freed handle=3 size=192 usable=192
$ free d 5
freed handle=5 size=192 usable=192
$ free d 6
freed handle=6 size=192 usable=192
$ free d 7
freed handle=7 size=192 usable=192
$ free d 9
freed handle=9 size=192 usable=192
$ free d 10
freed handle=10 size=192 usable=192
$ free d 11
freed handle=11 size=192 usable=192
$ free d 13
freed handle=13 size=192 usable=192
$ free d 14
freed handle=14 size=192 usable=192
$ free d 15
freed handle=15 size=192 usable=192
$ free d 17
freed handle=17 size=192 usable=192
$ free d 18
freed handle=18 size=192 usable=192
$ free d 19
freed handle=19 size=192 usable=192
$ free d 21
freed handle=21 size=192 usable=192
$ free d 22
freed handle=22 size=192 usable=192
$ free d 23
freed handle=23 size=192 usable=192
$ free d 25
freed handle=25 size=192 usable=192
$ free d 26
freed handle=26 size=192 usable=192
$ free d 27
freed handle=27 size=192 usable=192
$ free d 29
freed handle=29 size=192 usable=192
$ free d 30
freed handle=30 size=192 usable=192
$ free d 31
freed handle=31 size=192 usable=192
$ free d 33
freed handle=33 size=192 usable=192
$ free d 34
freed handle=34 size=192 usable=192
$ free d 35
freed handle=35 size=192 usable=192
$ free d 37
freed handle=37 size=192 usable=192
$ free d 38
freed handle=38 size=192 usable=192
$ free d 39
freed handle=39 size=192 usable=192
$ free d 41
freed handle=41 size=192 usable=192
$ free d 42
freed handle=42 size=192 usable=192
$ free d 43
freed handle=43 size=192 usable=192
$ free d 45
freed handle=45 size=192 usable=192
$ free d 46
freed handle=46 size=192 usable=192
$ free d 47
freed handle=47 size=192 usable=192
$ free d 49
freed handle=49 size=192 usable=192
$ free d 50
freed handle=50 size=192 usable=192
$ free d 51
freed handle=51 size=192 usable=192
$ free d 53
freed handle=53 size=192 usable=192
$ free d 54
freed handle=54 size=192 usable=192
$ free d 55
freed handle=55 size=192 usable=192
$ free d 57
freed handle=57 size=192 usable=192
$ free d 58
freed handle=58 size=192 usable=192
$ free d 59
freed handle=59 size=192 usable=192
$ free d 61
freed handle=61 size=192 usable=192
$ free d 62
freed handle=62 size=192 usable=192
$ free d 63
freed handle=63 size=192 usable=192
$ free d 65
freed handle=65 size=192 usable=192
$ free d 66
freed handle=66 size=192 usable=192
$ free d 67
freed handle=67 size=192 usable=192
$ free d 69
freed handle=69 size=192 usable=192
$ free d 70
freed handle=70 size=192 usable=192
$ free d 71
freed handle=71 size=192 usable=192
$ free d 73
freed handle=73 size=192 usable=192
$ free d 74
freed handle=74 size=192 usable=192
$ free d 75
freed handle=75 size=192 usable=192
$ free d 77
freed handle=77 size=192 usable=192
$ free d 78
freed handle=78 size=192 usable=192
$ free d 79
freed handle=79 size=192 usable=192
$ free d 81
freed handle=81 size=192 usable=192
$ free d 82
freed handle=82 size=192 usable=192
$ free d 83
freed handle=83 size=192 usable=192
$ free d 85
freed handle=85 size=192 usable=192
$ free d 86
freed handle=86 size=192 usable=192
$ free d 87
freed handle=87 size=192 usable=192
$ free d 89
freed handle=89 size=192 usable=192
$ free d 90
freed handle=90 size=192 usable=192
$ free d 91
freed handle=91 size=192 usable=192
$ free d 93
freed handle=93 size=192 usable=192
$ free d 94
freed handle=94 size=192 usable=192
$ free d 95
freed handle=95 size=192 usable=192
$ free d 97
freed handle=97 size=192 usable=192
$ free d 98
freed handle=98 size=192 usable=192
$ free d 99
freed handle=99 size=192 usable=192
$ free d 101
freed handle=101 size=192 usable=192
$ free d 102
freed handle=102 size=192 usable=192
$ free d 103
freed handle=103 size=192 usable=192
$ free d 105
freed handle=105 size=192 usable=192
$ free d 106
freed handle=106 size=192 usable=192
$ free d 107
freed handle=107 size=192 usable=192
$ free d 109
freed handle=109 size=192 usable=192
$ free d 110
freed handle=110 size=192 usable=192
$ free d 111
freed handle=111 size=192 usable=192
$ free d 113
freed handle=113 size=192 usable=192
$ free d 114
freed handle=114 size=192 usable=192
$ free d 115
freed handle=115 size=192 usable=192
$ free d 117
freed handle=117 size=192 usable=192
$ free d 118
freed handle=118 size=192 usable=192
$ free d 119
freed handle=119 size=192 usable=192
$ free d 121
freed handle=121 size=192 usable=192
$ free d 122
freed handle=122 size=192 usable=192
$ free d 123
freed handle=123 size=192 usable=192
$ free d 125
freed handle=125 size=192 usable=192
$ free d 126
freed handle=126 size=192 usable=192
$ free d 127
freed handle=127 size=192 usable=192
$ free d 129
freed handle=129 size=192 usable=192
$ free d 130
freed handle=130 size=192 usable=192
$ free d 131
freed handle=131 size=192 usable=192
$ free d 133
freed handle=133 size=192 usable=192
$ free d 134
freed handle=134 size=192 usable=192
$ free d 135
freed handle=135 size=192 usable=192
$ free d 137
freed handle=137 size=192 usable=192
$ free d 138
freed handle=138 size=192 usable=192
$ free d 139
freed handle=139 size=192 usable=192
$ free d 141
freed handle=141 size=192 usable=192
$ free d 142
freed handle=142 size=192 usable=192
$ free d 143
freed handle=143 size=192 usable=192
$ free d 145
freed handle=145 size=192 usable=192
$ free d 146
freed handle=146 size=192 usable=192
$ free d 147
freed handle=147 size=192 usable=192
$ free d 149
freed handle=149 size=192 usable=192
$ free d 150
freed handle=150 size=192 usable=192
$ free d 151
freed handle=151 size=192 usable=192
$ free d 153
freed handle=153 size=192 usable=192
$ free d 154
freed handle=154 size=192 usable=192
$ free d 155
freed handle=155 size=192 usable=192
$ free d 157
freed handle=157 size=192 usable=192
$ free d 158
freed handle=158 size=192 usable=192
$ free d 159
freed handle=159 size=192 usable=192
$ free d 161
freed handle=161 size=192 usable=192
$ free d 162
freed handle=162 size=192 usable=192
$ free d 163
freed handle=163 size=192 usable=192
$ free d 165
freed handle=165 size=192 usable=192
$ free d 166
freed handle=166 size=192 usable=192
$ free d 167
freed handle=167 size=192 usable=192
$ free d 169
freed handle=169 size=192 usable=192
$ free d 170
freed handle=170 size=192 usable=192
$ free d 171
freed handle=171 size=192 usable=192
$ free d 173
freed handle=173 size=192 usable=192
$ free d 174
freed handle=174 size=192 usable=192
$ free d 175
freed handle=175 size=192 usable=192
$ free d 177
freed handle=177 size=192 usable=192
$ free d 178
freed handle=178 size=192 usable=192
$ free d 179
freed handle=179 size=192 usable=192
$ free d 181
freed handle=181 size=192 usable=192
$ free d 182
freed handle=182 size=192 usable=192
$ free d 183
freed handle=183 size=192 usable=192
$ free d 185
freed handle=185 size=192 usable=192
$ free d 186
freed handle=186 size=192 usable=192
$ free d 187
freed handle=187 size=192 usable=192
$ free d 189
freed handle=189 size=192 usable=192
$ free d 190
freed handle=190 size=192 usable=192
$ free d 191
freed handle=191 size=192 usable=192
$ free d 193
freed handle=193 size=192 usable=192
$ free d 194
freed handle=194 size=192 usable=192
$ free d 195
freed handle=195 size=192 usable=192
$ free d 197
freed handle=197 size=192 usable=192
$ free d 198
freed handle=198 size=192 usable=192
$ free d 199
freed handle=199 size=192 usable=192
$ free d 201
freed handle=201 size=192 usable=192
$ free d 202
freed handle=202 size=192 usable=192
$ free d 203
freed handle=203 size=192 usable=192
$ free d 205
freed handle=205 size=192 usable=192
$ free d 206
freed handle=206 size=192 usable=192
$ free d 207
freed handle=207 size=192 usable=192
$ free d 209
freed handle=209 size=192 usable=192
$ free d 210
freed handle=210 size=192 usable=192
$ free d 211
freed handle=211 size=192 usable=192
$ free d 213
freed handle=213 size=192 usable=192
$ free d 214
freed handle=214 size=192 usable=192
$ free d 215
freed handle=215 size=192 usable=192
$ free d 217
freed handle=217 size=192 usable=192
$ free d 218
freed handle=218 size=192 usable=192
$ free d 219
freed handle=219 size=192 usable=192
$ free d 221
freed handle=221 size=192 usable=192
$ free d 222
freed handle=222 size=192 usable=192
$ free d 223
freed handle=223 size=192 usable=192
$ free d 225
freed handle=225 size=192 usable=192
$ free d 226
freed handle=226 size=192 usable=192
$ free d 227
freed handle=227 size=192 usable=192
$ free d 229
freed handle=229 size=192 usable=192
$ free d 230
freed handle=230 size=192 usable=192
$ free d 231
freed handle=231 size=192 usable=192
$ free d 233
freed handle=233 size=192 usable=192
$ free d 234
freed handle=234 size=192 usable=192
$ free d 235
freed handle=235 size=192 usable=192
$ free d 237
freed handle=237 size=192 usable=192
$ free d 238
freed handle=238 size=192 usable=192
$ free d 239
freed handle=239 size=192 usable=192
$ free d 241
freed handle=241 size=192 usable=192
$ free d 242
freed handle=242 size=192 usable=192
$ free d 243
freed handle=243 size=192 usable=192
$ free d 245
freed handle=245 size=192 usable=192
$ free d 246
freed handle=246 size=192 usable=192
$ free d 247
freed handle=247 size=192 usable=192
$ free d 249
freed handle=249 size=192 usable=192
$ free d 250
freed handle=250 size=192 usable=192
$ free d 251
freed handle=251 size=192 usable=192
$ free d 253
freed handle=253 size=192 usable=192
$ free d 254
freed handle=254 size=192 usable=192
$ free d 255
freed handle=255 size=192 usable=192
$ free d 257
freed handle=257 size=192 usable=192
$ free d 258
freed handle=258 size=192 usable=192
$ free d 259
freed handle=259 size=192 usable=192
$ free d 261
freed handle=261 size=192 usable=192
$ free d 262
freed handle=262 size=192 usable=192
$ free d 263
freed handle=263 size=192 usable=192
$ free d 265
freed handle=265 size=192 usable=192
$ free d 266
freed handle=266 size=192 usable=192
$ free d 267
freed handle=267 size=192 usable=192
$ free d 269
freed handle=269 size=192 usable=192
$ free d 270
freed handle=270 size=192 usable=192
$ free d 271
freed handle=271 size=192 usable=192
$ free d 273
freed handle=273 size=192 usable=192
$ free d 274
freed handle=274 size=192 usable=192
$ free d 275
freed handle=275 size=192 usable=192
$ free d 277
freed handle=277 size=192 usable=192
$ free d 278
freed handle=278 size=192 usable=192
$ free d 279
freed handle=279 size=192 usable=192
$ free d 281
freed handle=281 size=192 usable=192
$ free d 282
freed handle=282 size=192 usable=192
$ free d 283
freed handle=283 size=192 usable=192
$ free d 285
freed handle=285 size=192 usable=192
$ free d 286
freed handle=286 size=192 usable=192
$ free d 287
freed handle=287 size=192 usable=192
$ free d 289
freed handle=289 size=192 usable=192
$ free d 290
freed handle=290 size=192 usable=192
$ free d 291
freed handle=291 size=192 usable=192
$ free d 293
freed handle=293 size=192 usable=192
$ free d 294
freed handle=294 size=192 usable=192
$ free d 295
freed handle=295 size=192 usable=192
$ free d 297
freed handle=297 size=192 usable=192
$ free d 298
freed handle=298 size=192 usable=192
$ free d 299
freed handle=299 size=192 usable=192
$ free d 301
freed handle=301 size=192 usable=192
$ free d 302
freed handle=302 size=192 usable=192
$ free d 303
freed handle=303 size=192 usable=192
$ free d 305
freed handle=305 size=192 usable=192
$ free d 306
freed handle=306 size=192 usable=192
$ free d 307
freed handle=307 size=192 usable=192
$ free d 309
freed handle=309 size=192 usable=192
$ free d 310
freed handle=310 size=192 usable=192
$ free d 311
freed handle=311 size=192 usable=192
$ free d 313
freed handle=313 size=192 usable=192
$ free d 314
freed handle=314 size=192 usable=192
$ free d 315
freed handle=315 size=192 usable=192
$ free d 317
freed handle=317 size=192 usable=192
$ free d 318
freed handle=318 size=192 usable=192
$ free d 319
freed handle=319 size=192 usable=192
$ free d 321
freed handle=321 size=192 usable=192
$ free d 322
freed handle=322 size=192 usable=192
$ free d 323
freed handle=323 size=192 usable=192
$ free d 325
freed handle=325 size=192 usable=192
$ free d 326
freed handle=326 size=192 usable=192
$ free d 327
freed handle=327 size=192 usable=192
$ free d 329
freed handle=329 size=192 usable=192
$ free d 330
freed handle=330 size=192 usable=192
$ free d 331
freed handle=331 size=192 usable=192
$ free d 333
freed handle=333 size=192 usable=192
$ free d 334
freed handle=334 size=192 usable=192
$ free d 335
freed handle=335 size=192 usable=192
$ free d 337
freed handle=337 size=192 usable=192
$ free d 338
freed handle=338 size=192 usable=192
$ free d 339
freed handle=339 size=192 usable=192
$ free d 341
freed handle=341 size=192 usable=192
$ free d 342
freed handle=342 size=192 usable=192
$ free d 343
freed handle=343 size=192 usable=192
$ free d 345
freed handle=345 size=192 usable=192
$ free d 346
freed handle=346 size=192 usable=192
$ free d 347
freed handle=347 size=192 usable=192
$ free d 349
freed handle=349 size=192 usable=192
$ free d 350
freed handle=350 size=192 usable=192
$ free d 351
freed handle=351 size=192 usable=192
$ free d 353
freed handle=353 size=192 usable=192
$ free d 354
freed handle=354 size=192 usable=192
$ free d 355
freed handle=355 size=192 usable=192
$ free d 357
freed handle=357 size=192 usable=192
$ free d 358
freed handle=358 size=192 usable=192
$ free d 359
freed handle=359 size=192 usable=192
$ free d 361
freed handle=361 size=192 usable=192
$ free d 362
freed handle=362 size=192 usable=192
$ free d 363
freed handle=363 size=192 usable=192
$ free d 365
freed handle=365 size=192 usable=192
$ free d 366
freed handle=366 size=192 usable=192
$ free d 367
freed handle=367 size=192 usable=192
$ free d 369
freed handle=369 size=192 usable=192
$ free d 370
freed handle=370 size=192 usable=192
$ free d 371
freed handle=371 size=192 usable=192
$ free d 373
freed handle=373 size=192 usable=192
$ free d 374
freed handle=374 size=192 usable=192
$ free d 375
freed handle=375 size=192 usable=192
$ free d 377
freed handle=377 size=192 usable=192
$ free d 378
freed handle=378 size=192 usable=192
$ free d 379
freed handle=379 size=192 usable=192
$ free d 381
freed handle=381 size=192 usable=192
$ free d 382
freed handle=382 size=192 usable=192
$ free d 383
freed handle=383 size=192 usable=192
$ free d 385
freed handle=385 size=192 usable=192
$ free d 386
freed handle=386 size=192 usable=192
$ free d 387
freed handle=387 size=192 usable=192
$ free d 389
freed handle=389 size=192 usable=192
$ free d 390
freed handle=390 size=192 usable=192
$ free d 391
freed handle=391 size=192 usable=192
$ free d 393
freed handle=393 size=192 usable=192
$ free d 394
freed handle=394 size=192 usable=192
$ free d 395
freed handle=395 size=192 usable=192
$ free d 397
freed handle=397 size=192 usable=192
$ free d 398
freed handle=398 size=192 usable=192
$ free d 399
freed handle=399 size=192 usable=192
$ free d 401
freed handle=401 size=192 usable=192
$ free d 402
freed handle=402 size=192 usable=192
$ free d 403
freed handle=403 size=192 usable=192
$ free d 405
freed handle=405 size=192 usable=192
$ free d 406
freed handle=406 size=192 usable=192
$ free d 407
freed handle=407 size=192 usable=192
$ free d 409
freed handle=409 size=192 usable=192
$ free d 410
freed handle=410 size=192 usable=192
$ free d 411
freed handle=411 size=192 usable=192
$ free d 413
freed handle=413 size=192 usable=192
$ free d 414
freed handle=414 size=192 usable=192
$ free d 415
freed handle=415 size=192 usable=192
$ free d 417
freed handle=417 size=192 usable=192
$ free d 418
freed handle=418 size=192 usable=192
$ free d 419
freed handle=419 size=192 usable=192
$ free d 421
freed handle=421 size=192 usable=192
$ free d 422
freed handle=422 size=192 usable=192
$ free d 423
freed handle=423 size=192 usable=192
$ free d 425
freed handle=425 size=192 usable=192
$ free d 426
freed handle=426 size=192 usable=192
$ free d 427
freed handle=427 size=192 usable=192
$ free d 429
freed handle=429 size=192 usable=192
$ free d 430
freed handle=430 size=192 usable=192
$ free d 431
freed handle=431 size=192 usable=192
$ free d 433
freed handle=433 size=192 usable=192
$ free d 434
freed handle=434 size=192 usable=192
$ free d 435
freed handle=435 size=192 usable=192
$ free d 437
freed handle=437 size=192 usable=192
$ free d 438
freed handle=438 size=192 usable=192
$ free d 439
freed handle=439 size=192 usable=192
$ free d 441
freed handle=441 size=192 usable=192
$ free d 442
freed handle=442 size=192 usable=192
$ free d 443
freed handle=443 size=192 usable=192
$ free d 445
freed handle=445 size=192 usable=192
$ free d 446
freed handle=446 size=192 usable=192
$ free d 447
freed handle=447 size=192 usable=192
$ free d 449
freed handle=449 size=192 usable=192
$ free d 450
freed handle=450 size=192 usable=192
$ free d 451
freed handle=451 size=192 usable=192
$ free d 453
freed handle=453 size=192 usable=192
$ free d 454
freed handle=454 size=192 usable=192
$ free d 455
freed handle=455 size=192 usable=192
$ free d 457
freed handle=457 size=192 usable=192
$ free d 458
freed handle=458 size=192 usable=192
$ free d 459
freed handle=459 size=192 usable=192
$ free d 461
freed handle=461 size=192 usable=192
$ free d 462
freed handle=462 size=192 usable=192
$ free d 463
freed handle=463 size=192 usable=192
$ free d 465
freed handle=465 size=192 usable=192
$ free d 466
freed handle=466 size=192 usable=192
$ free d 467
freed handle=467 size=192 usable=192
$ free d 469
freed handle=469 size=192 usable=192
$ free d 470
freed handle=470 size=192 usable=192
$ free d 471
freed handle=471 size=192 usable=192
$ free d 473
freed handle=473 size=192 usable=192
$ free d 474
freed handle=474 size=192 usable=192
$ free d 475
freed handle=475 size=192 usable=192
$ free d 477
freed handle=477 size=192 usable=192
$ free d 478
freed handle=478 size=192 usable=192
$ free d 479
freed handle=479 size=192 usable=192
$ free d 481
freed handle=481 size=192 usable=192
$ free d 482
freed handle=482 size=192 usable=192
$ free d 483
freed handle=483 size=192 usable=192
$ free d 485
freed handle=485 size=192 usable=192
$ free d 486
freed handle=486 size=192 usable=192
$ free d 487
freed handle=487 size=192 usable=192
$ free d 489
freed handle=489 size=192 usable=192
$ free d 490
freed handle=490 size=192 usable=192
$ free d 491
freed handle=491 size=192 usable=192
$ free d 493
freed handle=493 size=192 usable=192
$ free d 494
freed handle=494 size=192 usable=192
$ free d 495
freed handle=495 size=192 usable=192
$ free d 497
freed handle=497 size=192 usable=192
$ free d 498
freed handle=498 size=192 usable=192
$ free d 499
freed handle=499 size=192 usable=192
$ free d 501
freed handle=501 size=192 usable=192
$ free d 502
freed handle=502 size=192 usable=192
$ free d 503
freed handle=503 size=192 usable=192
$ free d 505
freed handle=505 size=192 usable=192
$ free d 506
freed handle=506 size=192 usable=192
$ free d 507
freed handle=507 size=192 usable=192
$ free d 509
freed handle=509 size=192 usable=192
$ free d 510
freed handle=510 size=192 usable=192
$ free d 511
freed handle=511 size=192 usable=192
$ free d 513
freed handle=513 size=192 usable=192
$ free d 514
freed handle=514 size=192 usable=192
$ free d 515
freed handle=515 size=192 usable=192
$ free d 517
freed handle=517 size=192 usable=192
$ free d 518
freed handle=518 size=192 usable=192
$ free d 519
freed handle=519 size=192 usable=192
$ free d 521
freed handle=521 size=192 usable=192
$ free d 522
freed handle=522 size=192 usable=192
$ free d 523
freed handle=523 size=192 usable=192
$ free d 525
freed handle=525 size=192 usable=192
$ free d 526
freed handle=526 size=192 usable=192
$ free d 527
freed handle=527 size=192 usable=192
$ free d 529
freed handle=529 size=192 usable=192
$ free d 530
freed handle=530 size=192 usable=192
$ free d 531
freed handle=531 size=192 usable=192
$ free d 533
freed handle=533 size=192 usable=192
$ free d 534
freed handle=534 size=192 usable=192
$ free d 535
freed handle=535 size=192 usable=192
$ free d 537
freed handle=537 size=192 usable=192
$ free d 538
freed handle=538 size=192 usable=192
$ free d 539
freed handle=539 size=192 usable=192
$ free d 541
freed handle=541 size=192 usable=192
$ free d 542
freed handle=542 size=192 usable=192
$ free d 543
freed handle=543 size=192 usable=192
$ free d 545
freed handle=545 size=192 usable=192
$ free d 546
freed handle=546 size=192 usable=192
$ free d 547
freed handle=547 size=192 usable=192
$ free d 549
freed handle=549 size=192 usable=192
$ free d 550
freed handle=550 size=192 usable=192
$ free d 551
freed handle=551 size=192 usable=192
$ free d 553
freed handle=553 size=192 usable=192
$ free d 554
freed handle=554 size=192 usable=192
$ free d 555
freed handle=555 size=192 usable=192
$ free d 557
freed handle=557 size=192 usable=192
$ free d 558
freed handle=558 size=192 usable=192
$ free d 559
freed handle=559 size=192 usable=192
$ free d 561
freed handle=561 size=192 usable=192
$ free d 562
freed handle=562 size=192 usable=192
$ free d 563
freed handle=563 size=192 usable=192
$ free d 565
freed handle=565 size=192 usable=192
$ free d 566
freed handle=566 size=192 usable=192
$ free d 567
freed handle=567 size=192 usable=192
$ free d 569
freed handle=569 size=192 usable=192
$ free d 570
freed handle=570 size=192 usable=192
$ free d 571
freed handle=571 size=192 usable=192
$ free d 573
freed handle=573 size=192 usable=192
$ free d 574
freed handle=574 size=192 usable=192
$ free d 575
freed handle=575 size=192 usable=192
$ free d 577
freed handle=577 size=192 usable=192
$ free d 578
freed handle=578 size=192 usable=192
$ free d 579
freed handle=579 size=192 usable=192
$ free d 581
freed handle=581 size=192 usable=192
$ free d 582
freed handle=582 size=192 usable=192
$ free d 583
freed handle=583 size=192 usable=192
$ free d 585
freed handle=585 size=192 usable=192
$ free d 586
freed handle=586 size=192 usable=192
$ free d 587
freed handle=587 size=192 usable=192
$ free d 589
freed handle=589 size=192 usable=192
$ free d 590
freed handle=590 size=192 usable=192
$ free d 591
freed handle=591 size=192 usable=192
$ free d 593
freed handle=593 size=192 usable=192
$ free d 594
freed handle=594 size=192 usable=192
$ free d 595
freed handle=595 size=192 usable=192
$ free d 597
freed handle=597 size=192 usable=192
$ free d 598
freed handle=598 size=192 usable=192
$ free d 599
freed handle=599 size=192 usable=192
$ alloc p 512
handle=0 size=512 usable=512
$ alloc p 512
handle=1 size=512 usable=512
$ alloc p 512
handle=2 size=512 usable=512
$ alloc p 512
handle=3 size=512 usable=512
$ alloc p 512
handle=4 size=512 usable=512
$ alloc p 512
handle=5 size=512 usable=512
$ alloc p 512
handle=6 size=512 usable=512
$ alloc p 512
handle=7 size=512 usable=512
$ alloc p 512
handle=8 size=512 usable=512
$ alloc p 512
handle=9 size=512 usable=512
$ alloc p 512
handle=10 size=512 usable=512
$ alloc p 512
handle=11 size=512 usable=512
$ alloc p 512
handle=12 size=512 usable=512
$ alloc p 512
handle=13 size=512 usable=512
$ alloc p 512
handle=14 size=512 usable=512
$ alloc p 512
handle=15 size=512 usable=512
$ alloc p 512
handle=16 size=512 usable=512
$ alloc p 512
handle=17 size=512 usable=512
$ alloc p 512
handle=18 size=512 usable=512
$ alloc p 512
handle=19 size=512 usable=512
$ alloc p 512
handle=20 size=512 usable=512
$ alloc p 512
handle=21 size=512 usable=512
$ alloc p 512
handle=22 size=512 usable=512
$ alloc p 512
handle=23 size=512 usable=512
$ alloc p 512
handle=24 size=512 usable=512
$ alloc p 512
handle=25 size=512 usable=512
$ alloc p 512
handle=26 size=512 usable=512
$ alloc p 512
handle=27 size=512 usable=512
$ alloc p 512
handle=28 size=512 usable=512
$ alloc p 512
handle=29 size=512 usable=512
$ alloc p 512
handle=30 size=512 usable=512
$ alloc p 512
handle=31 size=512 usable=512
$ alloc p 512
handle=32 size=512 usable=512
$ alloc p 512
handle=33 size=512 usable=512
$ alloc p 512
handle=34 size=512 usable=512
$ alloc p 512
handle=35 size=512 usable=512
$ alloc p 512
handle=36 size=512 usable=512
$ alloc p 512
handle=37 size=512 usable=512
$ alloc p 512
handle=38 size=512 usable=512
$ alloc p 512
handle=39 size=512 usable=512
$ alloc p 512
handle=40 size=512 usable=512
$ alloc p 512
handle=41 size=512 usable=512
$ alloc p 512
handle=42 size=512 usable=512
$ alloc p 512
handle=43 size=512 usable=512
$ alloc p 512
handle=44 size=512 usable=512
$ alloc p 512
handle=45 size=512 usable=512
$ alloc p 512
handle=46 size=512 usable=512
$ alloc p 512
handle=47 size=512 usable=512
$ alloc p 512
handle=48 size=512 usable=512
$ alloc p 512
handle=49 size=512 usable=512
$ alloc p 512
handle=50 size=512 usable=512
$ alloc p 512
handle=51 size=512 usable=512
$ alloc p 512
handle=52 size=512 usable=512
$ alloc p 512
handle=53 size=512 usable=512
$ alloc p 512
handle=54 size=512 usable=512
$ alloc p 512
handle=55 size=512 usable=512
$ alloc p 512
handle=56 size=512 usable=512
$ alloc p 512
handle=57 size=512 usable=512
$ alloc p 512
handle=58 size=512 usable=512
$ alloc p 512
handle=59 size=512 usable=512
$ alloc p 512
handle=60 size=512 usable=512
$ alloc p 512
handle=61 size=512 usable=512
$ alloc p 512
handle=62 size=512 usable=512
$ alloc p 512
handle=63 size=512 usable=512
$ alloc p 512
handle=64 size=512 usable=512
$ alloc p 512
handle=65 size=512 usable=512
$ alloc p 512
handle=66 size=512 usable=512
$ alloc p 512
handle=67 size=512 usable=512
$ alloc p 512
handle=68 size=512 usable=512
$ alloc p 512
handle=69 size=512 usable=512
$ alloc p 512
handle=70 size=512 usable=512
$ alloc p 512
handle=71 size=512 usable=512
$ alloc p 512
handle=72 size=512 usable=512
$ alloc p 512
handle=73 size=512 usable=512
$ alloc p 512
handle=74 size=512 usable=512
$ alloc p 512
handle=75 size=512 usable=512
$ alloc p 512
handle=76 size=512 usable=512
$ alloc p 512
handle=77 size=512 usable=512
$ alloc p 512
handle=78 size=512 usable=512
$ alloc p 512
handle=79 size=512 usable=512
$ alloc p 512
handle=80 size=512 usable=512
$ alloc p 512
handle=81 size=512 usable=512
$ alloc p 512
handle=82 size=512 usable=512
$ alloc p 512
handle=83 size=512 usable=512
$ alloc p 512
handle=84 size=512 usable=512
$ alloc p 512
handle=85 size=512 usable=512
$ alloc p 512
handle=86 size=512 usable=512
$ alloc p 512
handle=87 size=512 usable=512
$ alloc p 512
handle=88 size=512 usable=512
$ alloc p 512
handle=89 size=512 usable=512
$ alloc p 512
handle=90 size=512 usable=512
$ alloc p 512
handle=91 size=512 usable=512
$ alloc p 512
handle=92 size=512 usable=512
$ alloc p 512
handle=93 size=512 usable=512
$ alloc p 512
handle=94 size=512 usable=512
$ alloc p 512
handle=95 size=512 usable=512
$ alloc p 512
handle=96 size=512 usable=512
$ alloc p 512
handle=97 size=512 usable=512
$ alloc p 512
handle=98 size=512 usable=512
$ alloc p 512
handle=99 size=512 usable=512
$ alloc p 512
handle=100 size=512 usable=512
$ alloc p 512
handle=101 size=512 usable=512
$ alloc p 512
handle=102 size=512 usable=512
$ alloc p 512
handle=103 size=512 usable=512
$ alloc p 512
handle=104 size=512 usable=512
$ alloc p 512
handle=105 size=512 usable=512
$ alloc p 512
handle=106 size=512 usable=512
$ alloc p 512
handle=107 size=512 usable=512
$ alloc p 512
handle=108 size=512 usable=512
$ alloc p 512
handle=109 size=512 usable=512
$ alloc p 512
handle=110 size=512 usable=512
$ alloc p 512
handle=111 size=512 usable=512
$ alloc p 512
handle=112 size=512 usable=512
$ alloc p 512
handle=113 size=512 usable=512
$ alloc p 512
handle=114 size=512 usable=512
$ alloc p 512
handle=115 size=512 usable=512
$ alloc p 512
handle=116 size=512 usable=512
$ alloc p 512
handle=117 size=512 usable=512
$ alloc p 512
handle=118 size=512 usable=512
$ alloc p 512
handle=119 size=512 usable=512
$ alloc p 512
handle=120 size=512 usable=512
$ alloc p 512
handle=121 size=512 usable=512
$ alloc p 512
handle=122 size=512 usable=512
$ alloc p 512
handle=123 size=512 usable=512
$ alloc p 512
handle=124 size=512 usable=512
$ alloc p 512
handle=125 size=512 usable=512
$ alloc p 512
handle=126 size=512 usable=512
$ alloc p 512
handle=127 size=512 usable=512
$ alloc p 512
handle=128 size=512 usable=512
$ alloc p 512
handle=129 size=512 usable=512
$ alloc p 512
handle=130 size=512 usable=512
$ alloc p 512
handle=131 size=512 usable=512
$ alloc p 512
handle=132 size=512 usable=512
$ alloc p 512
handle=133 size=512 usable=512
$ alloc p 512
handle=134 size=512 usable=512
$ alloc p 512
handle=135 size=512 usable=512
$ alloc p 512
handle=136 size=512 usable=512
$ alloc p 512
handle=137 size=512 usable=512
$ alloc p 512
handle=138 size=512 usable=512
$ alloc p 512
handle=139 size=512 usable=512
$ alloc p 512
handle=140 size=512 usable=512
$ alloc p 512
handle=141 size=512 usable=512
$ alloc p 512
handle=142 size=512 usable=512
$ alloc p 512
handle=143 size=512 usable=512
$ alloc p 512
handle=144 size=512 usable=512
$ alloc p 512
handle=145 size=512 usable=512
$ alloc p 512
handle=146 size=512 usable=512
$ alloc p 512
handle=147 size=512 usable=512
$ alloc p 512
handle=148 size=512 usable=512
$ alloc p 512
handle=149 size=512 usable=512
$ alloc p 512
handle=150 size=512 usable=512
$ alloc p 512
handle=151 size=512 usable=512
$ alloc p 512
handle=152 size=512 usable=512
$ alloc p 512
handle=153 size=512 usable=512
$ alloc p 512
handle=154 size=512 usable=512
$ alloc p 512
handle=155 size=512 usable=512
$ alloc p 512
handle=156 size=512 usable=512
$ alloc p 512
handle=157 size=512 usable=512
$ alloc p 512
handle=158 size=512 usable=512
$ alloc p 512
handle=159 size=512 usable=512
$ alloc p 512
handle=160 size=512 usable=512
$ alloc p 512
handle=161 size=512 usable=512
$ alloc p 512
handle=162 size=512 usable=512
$ alloc p 512
handle=163 size=512 usable=512
$ alloc p 512
handle=164 size=512 usable=512
$ alloc p 512
handle=165 size=512 usable=512
$ alloc p 512
handle=166 size=512 usable=512
$ alloc p 512
handle=167 size=512 usable=512
$ alloc p 512
handle=168 size=512 usable=512
$ alloc p 512
handle=169 size=512 usable=512
$ alloc p 512
handle=170 size=512 usable=512
$ alloc p 512
handle=171 size=512 usable=512
$ alloc p 512
handle=172 size=512 usable=512
$ alloc p 512
handle=173 size=512 usable=512
$ alloc p 512
handle=174 size=512 usable=512
$ alloc p 512
handle=175 size=512 usable=512
$ alloc p 512
handle=176 size=512 usable=512
$ alloc p 512
handle=177 size=512 usable=512
$ alloc p 512
handle=178 size=512 usable=512
$ alloc p 512
handle=179 size=512 usable=512
$ alloc p 512
handle=180 size=512 usable=512
$ alloc p 512
handle=181 size=512 usable=512
$ alloc p 512
handle=182 size=512 usable=512
$ alloc p 512
handle=183 size=512 usable=512
$ alloc p 512
handle=184 size=512 usable=512
$ alloc p 512
handle=185 size=512 usable=512
$ alloc p 512
handle=186 size=512 usable=512
$ alloc p 512
handle=187 size=512 usable=512
$ alloc p 512
handle=188 size=512 usable=512
$ alloc p 512
handle=189 size=512 usable=512
$ alloc p 512
handle=190 size=512 usable=512
$ alloc p 512
handle=191 size=512 usable=512
$ alloc p 512
handle=192 size=512 usable=512
$ alloc p 512
handle=193 size=512 usable=512
$ alloc p 512
handle=194 size=512 usable=512
$ alloc p 512
handle=195 size=512 usable=512
$ alloc p 512
handle=196 size=512 usable=512
$ alloc p 512
handle=197 size=512 usable=512
$ alloc p 512
handle=198 size=512 usable=512
$ alloc p 512
handle=199 size=512 usable=512
$ alloc t 64
handle=0 size=64 usable=64
$ alloc t 64
handle=1 size=64 usable=64
$ alloc t 64
handle=2 size=64 usable=64
$ alloc t 64
handle=3 size=64 usable=64
$ alloc t 64
handle=4 size=64 usable=64
$ alloc t 64
handle=5 size=64 usable=64
$ alloc t 64
handle=6 size=64 usable=64
$ alloc t 64
handle=7 size=64 usable=64
$ alloc t 64
handle=8 size=64 usable=64
$ alloc t 64
handle=9 size=64 usable=64
$ alloc t 64
handle=10 size=64 usable=64
$ alloc t 64
handle=11 size=64 usable=64
$ alloc t 64
handle=12 size=64 usable=64
$ alloc t 64
handle=13 size=64 usable=64
$ alloc t 64
handle=14 size=64 usable=64
$ alloc t 64
handle=15 size=64 usable=64
$ alloc t 64
handle=16 size=64 usable=64
$ alloc t 64
handle=17 size=64 usable=64
$ alloc t 64
handle=18 size=64 usable=64
$ alloc t 64
handle=19 size=64 usable=64
$ alloc t 64
handle=20 size=64 usable=64
$ alloc t 64
handle=21 size=64 usable=64
$ alloc t 64
handle=22 size=64 usable=64
$ alloc t 64
handle=23 size=64 usable=64
$ alloc t 64
handle=24 size=64 usable=64
$ alloc t 64
handle=25 size=64 usable=64
$ alloc t 64
handle=26 size=64 usable=64
$ alloc t 64
handle=27 size=64 usable=64
$ alloc t 64
handle=28 size=64 usable=64
$ alloc t 64
handle=29 size=64 usable=64
$ alloc t 64
handle=30 size=64 usable=64
$ alloc t 64
handle=31 size=64 usable=64
$ alloc t 64
handle=32 size=64 usable=64
$ alloc t 64
handle=33 size=64 usable=64
$ alloc t 64
handle=34 size=64 usable=64
$ alloc t 64
handle=35 size=64 usable=64
$ alloc t 64
handle=36 size=64 usable=64
$ alloc t 64
handle=37 size=64 usable=64
$ alloc t 64
handle=38 size=64 usable=64
$ alloc t 64
handle=39 size=64 usable=64
$ alloc t 64
handle=40 size=64 usable=64
$ alloc t 64
handle=41 size=64 usable=64
$ alloc t 64
handle=42 size=64 usable=64
$ alloc t 64
handle=43 size=64 usable=64
$ alloc t 64
handle=44 size=64 usable=64
$ alloc t 64
handle=45 size=64 usable=64
$ alloc t 64
handle=46 size=64 usable=64
$ alloc t 64
handle=47 size=64 usable=64
$ alloc t 64
handle=48 size=64 usable=64
$ alloc t 64
handle=49 size=64 usable=64
$ alloc t 64
handle=50 size=64 usable=64
$ alloc t 64
handle=51 size=64 usable=64
$ alloc t 64
handle=52 size=64 usable=64
$ alloc t 64
handle=53 size=64 usable=64
$ alloc t 64
handle=54 size=64 usable=64
$ alloc t 64
handle=55 size=64 usable=64
$ alloc t 64
handle=56 size=64 usable=64
$ alloc t 64
handle=57 size=64 usable=64
$ alloc t 64
handle=58 size=64 usable=64
$ alloc t 64
handle=59 size=64 usable=64
$ alloc t 64
handle=60 size=64 usable=64
$ alloc t 64
handle=61 size=64 usable=64
$ alloc t 64
handle=62 size=64 usable=64
$ alloc t 64
handle=63 size=64 usable=64
$ alloc t 64
handle=64 size=64 usable=64
$ alloc t 64
handle=65 size=64 usable=64
$ alloc t 64
handle=66 size=64 usable=64
$ alloc t 64
handle=67 size=64 usable=64
$ alloc t 64
handle=68 size=64 usable=64
$ alloc t 64
handle=69 size=64 usable=64
$ alloc t 64
handle=70 size=64 usable=64
$ alloc t 64
handle=71 size=64 usable=64
$ alloc t 64
handle=72 size=64 usable=64
$ alloc t 64
handle=73 size=64 usable=64
$ alloc t 64
handle=74 size=64 usable=64
$ alloc t 64
handle=75 size=64 usable=64
$ alloc t 64
handle=76 size=64 usable=64
$ alloc t 64
handle=77 size=64 usable=64
$ alloc t 64
handle=78 size=64 usable=64
$ alloc t 64
handle=79 size=64 usable=64
$ alloc t 64
handle=80 size=64 usable=64
$ alloc t 64
handle=81 size=64 usable=64
$ alloc t 64
handle=82 size=64 usable=64
$ alloc t 64
handle=83 size=64 usable=64
$ alloc t 64
handle=84 size=64 usable=64
$ alloc t 64
handle=85 size=64 usable=64
$ alloc t 64
handle=86 size=64 usable=64
$ alloc t 64
handle=87 size=64 usable=64
$ alloc t 64
handle=88 size=64 usable=64
$ alloc t 64
handle=89 size=64 usable=64
$ alloc t 64
handle=90 size=64 usable=64
$ alloc t 64
handle=91 size=64 usable=64
$ alloc t 64
handle=92 size=64 usable=64
$ alloc t 64
handle=93 size=64 usable=64
$ alloc t 64
handle=94 size=64 usable=64
$ alloc t 64
handle=95 size=64 usable=64
$ alloc t 64
handle=96 size=64 usable=64
$ alloc t 64
handle=97 size=64 usable=64
$ alloc t 64
handle=98 size=64 usable=64
$ alloc t 64
handle=99 size=64 usable=64
$ alloc t 64
handle=100 size=64 usable=64
$ alloc t 64
handle=101 size=64 usable=64
$ alloc t 64
handle=102 size=64 usable=64
$ alloc t 64
handle=103 size=64 usable=64
$ alloc t 64
handle=104 size=64 usable=64
$ alloc t 64
handle=105 size=64 usable=64
$ alloc t 64
handle=106 size=64 usable=64
$ alloc t 64
handle=107 size=64 usable=64
$ alloc t 64
handle=108 size=64 usable=64
$ alloc t 64
handle=109 size=64 usable=64
$ alloc t 64
handle=110 size=64 usable=64
$ alloc t 64
handle=111 size=64 usable=64
$ alloc t 64
handle=112 size=64 usable=64
$ alloc t 64
handle=113 size=64 usable=64
$ alloc t 64
handle=114 size=64 usable=64
$ alloc t 64
handle=115 size=64 usable=64
$ alloc t 64
handle=116 size=64 usable=64
$ alloc t 64
handle=117 size=64 usable=64
$ alloc t 64
handle=118 size=64 usable=64
$ alloc t 64
handle=119 size=64 usable=64
$ alloc t 64
handle=120 size=64 usable=64
$ alloc t 64
handle=121 size=64 usable=64
$ alloc t 64
handle=122 size=64 usable=64
$ alloc t 64
handle=123 size=64 usable=64
$ alloc t 64
handle=124 size=64 usable=64
$ alloc t 64
handle=125 size=64 usable=64
$ alloc t 64
handle=126 size=64 usable=64
$ alloc t 64
handle=127 size=64 usable=64
$ alloc t 64
handle=128 size=64 usable=64
$ alloc t 64
handle=129 size=64 usable=64
$ alloc t 64
handle=130 size=64 usable=64
$ alloc t 64
handle=131 size=64 usable=64
$ alloc t 64
handle=132 size=64 usable=64
$ alloc t 64
handle=133 size=64 usable=64
$ alloc t 64
handle=134 size=64 usable=64
$ alloc t 64
handle=135 size=64 usable=64
$ alloc t 64
handle=136 size=64 usable=64
$ alloc t 64
handle=137 size=64 usable=64
$ alloc t 64
handle=138 size=64 usable=64
$ alloc t 64
handle=139 size=64 usable=64
$ alloc t 64
handle=140 size=64 usable=64
$ alloc t 64
handle=141 size=64 usable=64
$ alloc t 64
handle=142 size=64 usable=64
$ alloc t 64
handle=143 size=64 usable=64
$ alloc t 64
handle=144 size=64 usable=64
$ alloc t 64
handle=145 size=64 usable=64
$ alloc t 64
handle=146 size=64 usable=64
$ alloc t 64
handle=147 size=64 usable=64
$ alloc t 64
handle=148 size=64 usable=64
$ alloc t 64
handle=149 size=64 usable=64
$ alloc t 64
handle=150 size=64 usable=64
$ alloc t 64
handle=151 size=64 usable=64
$ alloc t 64
handle=152 size=64 usable=64
$ alloc t 64
handle=153 size=64 usable=64
$ alloc t 64
handle=154 size=64 usable=64
$ alloc t 64
handle=155 size=64 usable=64
$ alloc t 64
handle=156 size=64 usable=64
$ alloc t 64
handle=157 size=64 usable=64
$ alloc t 64
handle=158 size=64 usable=64
$ alloc t 64
handle=159 size=64 usable=64
$ alloc t 64
handle=160 size=64 usable=64
$ alloc t 64
handle=161 size=64 usable=64
$ alloc t 64
handle=162 size=64 usable=64
$ alloc t 64
handle=163 size=64 usable=64
$ alloc t 64
handle=164 size=64 usable=64
$ alloc t 64
handle=165 size=64 usable=64
$ alloc t 64
handle=166 size=64 usable=64
$ alloc t 64
handle=167 size=64 usable=64
$ alloc t 64
handle=168 size=64 usable=64
$ alloc t 64
handle=169 size=64 usable=64
$ alloc t 64
handle=170 size=64 usable=64
$ alloc t 64
handle=171 size=64 usable=64
$ alloc t 64
handle=172 size=64 usable=64
$ alloc t 64
handle=173 size=64 usable=64
$ alloc t 64
handle=174 size=64 usable=64
$ alloc t 64
handle=175 size=64 usable=64
$ alloc t 64
handle=176 size=64 usable=64
$ alloc t 64
handle=177 size=64 usable=64
$ alloc t 64
handle=178 size=64 usable=64
$ alloc t 64
handle=179 size=64 usable=64
$ alloc t 64
handle=180 size=64 usable=64
$ alloc t 64
handle=181 size=64 usable=64
$ alloc t 64
handle=182 size=64 usable=64
$ alloc t 64
handle=183 size=64 usable=64
$ alloc t 64
handle=184 size=64 usable=64
$ alloc t 64
handle=185 size=64 usable=64
$ alloc t 64
handle=186 size=64 usable=64
$ alloc t 64
handle=187 size=64 usable=64
$ alloc t 64
handle=188 size=64 usable=64
$ alloc t 64
handle=189 size=64 usable=64
$ alloc t 64
handle=190 size=64 usable=64
$ alloc t 64
handle=191 size=64 usable=64
$ alloc t 64
handle=192 size=64 usable=64
$ alloc t 64
handle=193 size=64 usable=64
$ alloc t 64
handle=194 size=64 usable=64
$ alloc t 64
handle=195 size=64 usable=64
$ alloc t 64
handle=196 size=64 usable=64
$ alloc t 64
handle=197 size=64 usable=64
$ alloc t 64
handle=198 size=64 usable=64
$ alloc t 64
handle=199 size=64 usable=64
$ alloc t 64
handle=200 size=64 usable=64
$ alloc t 64
handle=201 size=64 usable=64
$ alloc t 64
handle=202 size=64 usable=64
$ alloc t 64
handle=203 size=64 usable=64
$ alloc t 64
handle=204 size=64 usable=64
$ alloc t 64
handle=205 size=64 usable=64
$ alloc t 64
handle=206 size=64 usable=64
$ alloc t 64
handle=207 size=64 usable=64
$ alloc t 64
handle=208 size=64 usable=64
$ alloc t 64
handle=209 size=64 usable=64
$ alloc t 64
handle=210 size=64 usable=64
$ alloc t 64
handle=211 size=64 usable=64
$ alloc t 64
handle=212 size=64 usable=64
$ alloc t 64
handle=213 size=64 usable=64
$ alloc t 64
handle=214 size=64 usable=64
$ alloc t 64
handle=215 size=64 usable=64
$ alloc t 64
handle=216 size=64 usable=64
$ alloc t 64
handle=217 size=64 usable=64
$ alloc t 64
handle=218 size=64 usable=64
$ alloc t 64
handle=219 size=64 usable=64
$ alloc t 64
handle=220 size=64 usable=64
$ alloc t 64
handle=221 size=64 usable=64
$ alloc t 64
handle=222 size=64 usable=64
$ alloc t 64
handle=223 size=64 usable=64
$ alloc t 64
handle=224 size=64 usable=64
$ alloc t 64
handle=225 size=64 usable=64
$ alloc t 64
handle=226 size=64 usable=64
$ alloc t 64
handle=227 size=64 usable=64
$ alloc t 64
handle=228 size=64 usable=64
$ alloc t 64
handle=229 size=64 usable=64
$ alloc t 64
handle=230 size=64 usable=64
$ alloc t 64
handle=231 size=64 usable=64
$ alloc t 64
handle=232 size=64 usable=64
$ alloc t 64
handle=233 size=64 usable=64
$ alloc t 64
handle=234 size=64 usable=64
$ alloc t 64
handle=235 size=64 usable=64
$ alloc t 64
handle=236 size=64 usable=64
$ alloc t 64
handle=237 size=64 usable=64
$ alloc t 64
handle=238 size=64 usable=64
$ alloc t 64
handle=239 size=64 usable=64
$ alloc t 64
handle=240 size=64 usable=64
$ alloc t 64
handle=241 size=64 usable=64
$ alloc t 64
handle=242 size=64 usable=64
$ alloc t 64
handle=243 size=64 usable=64
$ alloc t 64
handle=244 size=64 usable=64
$ alloc t 64
handle=245 size=64 usable=64
$ alloc t 64
handle=246 size=64 usable=64
$ alloc t 64
handle=247 size=64 usable=64
$ alloc t 64
handle=248 size=64 usable=64
$ alloc t 64
handle=249 size=64 usable=64
$ alloc t 64
handle=250 size=64 usable=64
$ alloc t 64
handle=251 size=64 usable=64
$ alloc t 64
handle=252 size=64 usable=64
$ alloc t 64
handle=253 size=64 usable=64
$ alloc t 64
handle=254 size=64 usable=64
$ alloc t 64
handle=255 size=64 usable=64
$ alloc t 64
handle=256 size=64 usable=64
$ alloc t 64
handle=257 size=64 usable=64
$ alloc t 64
handle=258 size=64 usable=64
$ alloc t 64
handle=259 size=64 usable=64
$ alloc t 64
handle=260 size=64 usable=64
$ alloc t 64
handle=261 size=64 usable=64
$ alloc t 64
handle=262 size=64 usable=64
$ alloc t 64
handle=263 size=64 usable=64
$ alloc t 64
handle=264 size=64 usable=64
$ alloc t 64
handle=265 size=64 usable=64
$ alloc t 64
handle=266 size=64 usable=64
$ alloc t 64
handle=267 size=64 usable=64
$ alloc t 64
handle=268 size=64 usable=64
$ alloc t 64
handle=269 size=64 usable=64
$ alloc t 64
handle=270 size=64 usable=64
$ alloc t 64
handle=271 size=64 usable=64
$ alloc t 64
handle=272 size=64 usable=64
$ alloc t 64
handle=273 size=64 usable=64
$ alloc t 64
handle=274 size=64 usable=64
$ alloc t 64
handle=275 size=64 usable=64
$ alloc t 64
handle=276 size=64 usable=64
$ alloc t 64
handle=277 size=64 usable=64
$ alloc t 64
handle=278 size=64 usable=64
$ alloc t 64
handle=279 size=64 usable=64
$ alloc t 64
handle=280 size=64 usable=64
$ alloc t 64
handle=281 size=64 usable=64
$ alloc t 64
handle=282 size=64 usable=64
$ alloc t 64
handle=283 size=64 usable=64
$ alloc t 64
handle=284 size=64 usable=64
$ alloc t 64
handle=285 size=64 usable=64
$ alloc t 64
handle=286 size=64 usable=64
$ alloc t 64
handle=287 size=64 usable=64
$ alloc t 64
handle=288 size=64 usable=64
$ alloc t 64
handle=289 size=64 usable=64
$ alloc t 64
handle=290 size=64 usable=64
$ alloc t 64
handle=291 size=64 usable=64
$ alloc t 64
handle=292 size=64 usable=64
$ alloc t 64
handle=293 size=64 usable=64
$ alloc t 64
handle=294 size=64 usable=64
$ alloc t 64
handle=295 size=64 usable=64
$ alloc t 64
handle=296 size=64 usable=64
$ alloc t 64
handle=297 size=64 usable=64
$ alloc t 64
handle=298 size=64 usable=64
$ alloc t 64
handle=299 size=64 usable=64
$ free t 0
freed handle=0 size=64 usable=64
$ free t 1
freed handle=1 size=64 usable=64
$ free t 2
freed handle=2 size=64 usable=64
$ free t 3
freed handle=3 size=64 usable=64
$ free t 4
freed handle=4 size=64 usable=64
$ free t 5
freed handle=5 size=64 usable=64
$ free t 6
freed handle=6 size=64 usable=64
$ free t 7
freed handle=7 size=64 usable=64
$ free t 8
freed handle=8 size=64 usable=64
$ free t 9
freed handle=9 size=64 usable=64
$ free t 10
freed handle=10 size=64 usable=64
$ free t 11
freed handle=11 size=64 usable=64
$ free t 12
freed handle=12 size=64 usable=64
$ free t 13
freed handle=13 size=64 usable=64
$ free t 14
freed handle=14 size=64 usable=64
$ free t 15
freed handle=15 size=64 usable=64
$ free t 16
freed handle=16 size=64 usable=64
$ free t 17
freed handle=17 size=64 usable=64
$ free t 18
freed handle=18 size=64 usable=64
$ free t 19
freed handle=19 size=64 usable=64
$ free t 20
freed handle=20 size=64 usable=64
$ free t 21
freed handle=21 size=64 usable=64
$ free t 22
freed handle=22 size=64 usable=64
$ free t 23
freed handle=23 size=64 usable=64
$ free t 24
freed handle=24 size=64 usable=64
$ free t 25
freed handle=25 size=64 usable=64
$ free t 26
freed handle=26 size=64 usable=64
$ free t 27
freed handle=27 size=64 usable=64
$ free t 28
freed handle=28 size=64 usable=64
$ free t 29
freed handle=29 size=64 usable=64
$ free t 30
freed handle=30 size=64 usable=64
$ free t 31
freed handle=31 size=64 usable=64
$ free t 32
freed handle=32 size=64 usable=64
$ free t 33
freed handle=33 size=64 usable=64
$ free t 34
freed handle=34 size=64 usable=64
$ free t 35
freed handle=35 size=64 usable=64
$ free t 36
freed handle=36 size=64 usable=64
$ free t 37
freed handle=37 size=64 usable=64
$ free t 38
freed handle=38 size=64 usable=64
$ free t 39
freed handle=39 size=64 usable=64
$ free t 40
freed handle=40 size=64 usable=64
$ free t 41
freed handle=41 size=64 usable=64
$ free t 42
freed handle=42 size=64 usable=64
$ free t 43
freed handle=43 size=64 usable=64
$ free t 44
freed handle=44 size=64 usable=64
$ free t 45
freed handle=45 size=64 usable=64
$ free t 46
freed handle=46 size=64 usable=64
$ free t 47
freed handle=47 size=64 usable=64
$ free t 48
freed handle=48 size=64 usable=64
$ free t 49
freed handle=49 size=64 usable=64
$ free t 50
freed handle=50 size=64 usable=64
$ free t 51
freed handle=51 size=64 usable=64
$ free t 52
freed handle=52 size=64 usable=64
$ free t 53
freed handle=53 size=64 usable=64
$ free t 54
freed handle=54 size=64 usable=64
$ free t 55
freed handle=55 size=64 usable=64
$ free t 56
freed handle=56 size=64 usable=64
$ free t 57
freed handle=57 size=64 usable=64
$ free t 58
freed handle=58 size=64 usable=64
$ free t 59
freed handle=59 size=64 usable=64
$ free t 60
freed handle=60 size=64 usable=64
$ free t 61
freed handle=61 size=64 usable=64
$ free t 62
freed handle=62 size=64 usable=64
$ free t 63
freed handle=63 size=64 usable=64
$ free t 64
freed handle=64 size=64 usable=64
$ free t 65
freed handle=65 size=64 usable=64
$ free t 66
freed handle=66 size=64 usable=64
$ free t 67
freed handle=67 size=64 usable=64
$ free t 68
freed handle=68 size=64 usable=64
$ free t 69
freed handle=69 size=64 usable=64
$ free t 70
freed handle=70 size=64 usable=64
$ free t 71
freed handle=71 size=64 usable=64
$ free t 72
freed handle=72 size=64 usable=64
$ free t 73
freed handle=73 size=64 usable=64
$ free t 74
freed handle=74 size=64 usable=64
$ free t 75
freed handle=75 size=64 usable=64
$ free t 76
freed handle=76 size=64 usable=64
$ free t 77
freed handle=77 size=64 usable=64
$ free t 78
freed handle=78 size=64 usable=64
$ free t 79
freed handle=79 size=64 usable=64
$ free t 80
freed handle=80 size=64 usable=64
$ free t 81
freed handle=81 size=64 usable=64
$ free t 82
freed handle=82 size=64 usable=64
$ free t 83
freed handle=83 size=64 usable=64
$ free t 84
freed handle=84 size=64 usable=64
$ free t 85
freed handle=85 size=64 usable=64
$ free t 86
freed handle=86 size=64 usable=64
$ free t 87
freed handle=87 size=64 usable=64
$ free t 88
freed handle=88 size=64 usable=64
$ free t 89
freed handle=89 size=64 usable=64
$ free t 90
freed handle=90 size=64 usable=64
$ free t 91
freed handle=91 size=64 usable=64
$ free t 92
freed handle=92 size=64 usable=64
$ free t 93
freed handle=93 size=64 usable=64
$ free t 94
freed handle=94 size=64 usable=64
$ free t 95
freed handle=95 size=64 usable=64
$ free t 96
freed handle=96 size=64 usable=64
$ free t 97
freed handle=97 size=64 usable=64
$ free t 98
freed handle=98 size=64 usable=64
$ free t 99
freed handle=99 size=64 usable=64
$ free t 100
freed handle=100 size=64 usable=64
$ free t 101
freed handle=101 size=64 usable=64
$ free t 102
freed handle=102 size=64 usable=64
$ free t 103
freed handle=103 size=64 usable=64
$ free t 104
freed handle=104 size=64 usable=64
$ free t 105
freed handle=105 size=64 usable=64
$ free t 106
freed handle=106 size=64 usable=64
$ free t 107
freed handle=107 size=64 usable=64
$ free t 108
freed handle=108 size=64 usable=64
$ free t 109
freed handle=109 size=64 usable=64
$ free t 110
freed handle=110 size=64 usable=64
$ free t 111
freed handle=111 size=64 usable=64
$ free t 112
freed handle=112 size=64 usable=64
$ free t 113
freed handle=113 size=64 usable=64
$ free t 114
freed handle=114 size=64 usable=64
$ free t 115
freed handle=115 size=64 usable=64
$ free t 116
freed handle=116 size=64 usable=64
$ free t 117
freed handle=117 size=64 usable=64
$ free t 118
freed handle=118 size=64 usable=64
$ free t 119
freed handle=119 size=64 usable=64
$ free t 120
freed handle=120 size=64 usable=64
$ free t 121
freed handle=121 size=64 usable=64
$ free t 122
freed handle=122 size=64 usable=64
$ free t 123
freed handle=123 size=64 usable=64
$ free t 124
freed handle=124 size=64 usable=64
$ free t 125
freed handle=125 size=64 usable=64
$ free t 126
freed handle=126 size=64 usable=64
$ free t 127
freed handle=127 size=64 usable=64
$ free t 128
freed handle=128 size=64 usable=64
$ free t 129
freed handle=129 size=64 usable=64
$ free t 130
freed handle=130 size=64 usable=64
$ free t 131
freed handle=131 size=64 usable=64
$ free t 132
freed handle=132 size=64 usable=64
$ free t 133
freed handle=133 size=64 usable=64
$ free t 134
freed handle=134 size=64 usable=64
$ free t 135
freed handle=135 size=64 usable=64
$ free t 136
freed handle=136 size=64 usable=64
$ free t 137
freed handle=137 size=64 usable=64
$ free t 138
freed handle=138 size=64 usable=64
$ free t 139
freed handle=139 size=64 usable=64
$ free t 140
freed handle=140 size=64 usable=64
$ free t 141
freed handle=141 size=64 usable=64
$ free t 142
freed handle=142 size=64 usable=64
$ free t 143
freed handle=143 size=64 usable=64
$ free t 144
freed handle=144 size=64 usable=64
$ free t 145
freed handle=145 size=64 usable=64
$ free t 146
freed handle=146 size=64 usable=64
$ free t 147
freed handle=147 size=64 usable=64
$ free t 148
freed handle=148 size=64 usable=64
$ free t 149
freed handle=149 size=64 usable=64
$ free t 150
freed handle=150 size=64 usable=64
$ free t 151
freed handle=151 size=64 usable=64
$ free t 152
freed handle=152 size=64 usable=64
$ free t 153
freed handle=153 size=64 usable=64
$ free t 154
freed handle=154 size=64 usable=64
$ free t 155
freed handle=155 size=64 usable=64
$ free t 156
freed handle=156 size=64 usable=64
$ free t 157
freed handle=157 size=64 usable=64
$ free t 158
freed handle=158 size=64 usable=64
$ free t 159
freed handle=159 size=64 usable=64
$ free t 160
freed handle=160 size=64 usable=64
$ free t 161
freed handle=161 size=64 usable=64
$ free t 162
freed handle=162 size=64 usable=64
$ free t 163
freed handle=163 size=64 usable=64
$ free t 164
freed handle=164 size=64 usable=64
$ free t 165
freed handle=165 size=64 usable=64
$ free t 166
freed handle=166 size=64 usable=64
$ free t 167
freed handle=167 size=64 usable=64
$ free t 168
freed handle=168 size=64 usable=64
$ free t 169
freed handle=169 size=64 usable=64
$ free t 170
freed handle=170 size=64 usable=64
$ free t 171
freed handle=171 size=64 usable=64
$ free t 172
freed handle=172 size=64 usable=64
$ free t 173
freed handle=173 size=64 usable=64
$ free t 174
freed handle=174 size=64 usable=64
$ free t 175
freed handle=175 size=64 usable=64
$ free t 176
freed handle=176 size=64 usable=64
$ free t 177
freed handle=177 size=64 usable=64
$ free t 178
freed handle=178 size=64 usable=64
$ free t 179
freed handle=179 size=64 usable=64
$ free t 180
freed handle=180 size=64 usable=64
$ free t 181
freed handle=181 size=64 usable=64
$ free t 182
freed handle=182 size=64 usable=64
$ free t 183
freed handle=183 size=64 usable=64
$ free t 184
freed handle=184 size=64 usable=64
$ free t 185
freed handle=185 size=64 usable=64
$ free t 186
freed handle=186 size=64 usable=64
$ free t 187
freed handle=187 size=64 usable=64
$ free t 188
freed handle=188 size=64 usable=64
$ free t 189
freed handle=189 size=64 usable=64
$ free t 190
freed handle=190 size=64 usable=64
$ free t 191
freed handle=191 size=64 usable=64
$ free t 192
freed handle=192 size=64 usable=64
$ free t 193
freed handle=193 size=64 usable=64
$ free t 194
freed handle=194 size=64 usable=64
$ free t 195
freed handle=195 size=64 usable=64
$ free t 196
freed handle=196 size=64 usable=64
$ free t 197
freed handle=197 size=64 usable=64
$ free t 198
freed handle=198 size=64 usable=64
$ free t 199
freed handle=199 size=64 usable=64
$ alloc b 4096
handle=0 size=4096 usable=4096
$ alloc b 4096
handle=1 size=4096 usable=4096
$ alloc b 4096
handle=2 size=4096 usable=4096
$ alloc b 4096
handle=3 size=4096 usable=4096
$ alloc b 4096
handle=4 size=4096 usable=4096
$ alloc b 4096
handle=5 size=4096 usable=4096
$ alloc b 4096
handle=6 size=4096 usable=4096
$ alloc b 4096
handle=7 size=4096 usable=4096
$ alloc b 4096
handle=8 size=4096 usable=4096
$ alloc b 4096
handle=9 size=4096 usable=4096
$ alloc b 4096
handle=10 size=4096 usable=4096
$ alloc b 4096
handle=11 size=4096 usable=4096
$ alloc b 4096
handle=12 size=4096 usable=4096
$ alloc b 4096
handle=13 size=4096 usable=4096
$ alloc b 4096
handle=14 size=4096 usable=4096
$ alloc b 4096
handle=15 size=4096 usable=4096
$ alloc b 4096
handle=16 size=4096 usable=4096
$ alloc b 4096
handle=17 size=4096 usable=4096
$ alloc b 4096
handle=18 size=4096 usable=4096
$ alloc b 4096
handle=19 size=4096 usable=4096
$ alloc b 4096
handle=20 size=4096 usable=4096
$ alloc b 4096
handle=21 size=4096 usable=4096
$ alloc b 4096
handle=22 size=4096 usable=4096
$ alloc b 4096
handle=23 size=4096 usable=4096
$ alloc b 4096
handle=24 size=4096 usable=4096
$ alloc b 4096
handle=25 size=4096 usable=4096
$ alloc b 4096
handle=26 size=4096 usable=4096
$ alloc b 4096
handle=27 size=4096 usable=4096
$ alloc b 4096
handle=28 size=4096 usable=4096
$ alloc b 4096
handle=29 size=4096 usable=4096
$ alloc b 4096
handle=30 size=4096 usable=4096
$ alloc b 4096
handle=31 size=4096 usable=4096
$ alloc b 4096
handle=32 size=4096 usable=4096
$ alloc b 4096
handle=33 size=4096 usable=4096
$ alloc b 4096
handle=34 size=4096 usable=4096
$ alloc b 4096
handle=35 size=4096 usable=4096
$ alloc b 4096
handle=36 size=4096 usable=4096
$ alloc b 4096
handle=37 size=4096 usable=4096
$ alloc b 4096
handle=38 size=4096 usable=4096
$ alloc b 4096
handle=39 size=4096 usable=4096
$ alloc b 4096
handle=40 size=4096 usable=4096
$ alloc b 4096
handle=41 size=4096 usable=4096
$ alloc b 4096
handle=42 size=4096 usable=4096
$ alloc b 4096
handle=43 size=4096 usable=4096
$ alloc b 4096
handle=44 size=4096 usable=4096
$ alloc b 4096
handle=45 size=4096 usable=4096
$ alloc b 4096
handle=46 size=4096 usable=4096
$ alloc b 4096
handle=47 size=4096 usable=4096
$ alloc b 4096
handle=48 size=4096 usable=4096
$ alloc b 4096
handle=49 size=4096 usable=4096
$ alloc b 4096
handle=50 size=4096 usable=4096
$ alloc b 4096
handle=51 size=4096 usable=4096
$ alloc b 4096
handle=52 size=4096 usable=4096
$ alloc b 4096
handle=53 size=4096 usable=4096
$ alloc b 4096
handle=54 size=4096 usable=4096
$ alloc b 4096
handle=55 size=4096 usable=4096
$ alloc b 4096
handle=56 size=4096 usable=4096
$ alloc b 4096
handle=57 size=4096 usable=4096
$ alloc b 4096
handle=58 size=4096 usable=4096
$ alloc b 4096
handle=59 size=4096 usable=4096
$ alloc b 4096
handle=60 size=4096 usable=4096
$ alloc b 4096
handle=61 size=4096 usable=4096
$ alloc b 4096
handle=62 size=4096 usable=4096
$ alloc b 4096
handle=63 size=4096 usable=4096
$ alloc b 4096
handle=64 size=4096 usable=4096
$ alloc b 4096
handle=65 size=4096 usable=4096
$ alloc b 4096
handle=66 size=4096 usable=4096
$ alloc b 4096
handle=67 size=4096 usable=4096
$ alloc b 4096
handle=68 size=4096 usable=4096
$ alloc b 4096
handle=69 size=4096 usable=4096
$ alloc b 4096
handle=70 size=4096 usable=4096
$ alloc b 4096
handle=71 size=4096 usable=4096
$ alloc b 4096
handle=72 size=4096 usable=4096
$ alloc b 4096
handle=73 size=4096 usable=4096
$ alloc b 4096
handle=74 size=4096 usable=4096
$ alloc b 4096
handle=75 size=4096 usable=4096
$ alloc b 4096
handle=76 size=4096 usable=4096
$ alloc b 4096
handle=77 size=4096 usable=4096
$ alloc b 4096
handle=78 size=4096 usable=4096
$ alloc b 4096
handle=79 size=4096 usable=4096
$ alloc b 4096
handle=80 size=4096 usable=4096
$ alloc b 4096
handle=81 size=4096 usable=4096
$ alloc b 4096
handle=82 size=4096 usable=4096
$ alloc b 4096
handle=83 size=4096 usable=4096
$ alloc b 4096
handle=84 size=4096 usable=4096
$ alloc b 4096
handle=85 size=4096 usable=4096
$ alloc b 4096
handle=86 size=4096 usable=4096
$ alloc b 4096
handle=87 size=4096 usable=4096
$ alloc b 4096
handle=88 size=4096 usable=4096
$ alloc b 4096
handle=89 size=4096 usable=4096
$ alloc b 4096
handle=90 size=4096 usable=4096
$ alloc b 4096
handle=91 size=4096 usable=4096
$ alloc b 4096
handle=92 size=4096 usable=4096
$ alloc b 4096
handle=93 size=4096 usable=4096
$ alloc b 4096
handle=94 size=4096 usable=4096
$ alloc b 4096
handle=95 size=4096 usable=4096
$ alloc b 4096
handle=96 size=4096 usable=4096
$ alloc b 4096
handle=97 size=4096 usable=4096
$ alloc b 4096
handle=98 size=4096 usable=4096
$ alloc b 4096
handle=99 size=4096 usable=4096
$ alloc b 4096
handle=100 size=4096 usable=4096
$ alloc b 4096
handle=101 size=4096 usable=4096
$ alloc b 4096
handle=102 size=4096 usable=4096
$ alloc b 4096
handle=103 size=4096 usable=4096
$ alloc b 4096
handle=104 size=4096 usable=4096
$ alloc b 4096
handle=105 size=4096 usable=4096
$ alloc b 4096
handle=106 size=4096 usable=4096
$ alloc b 4096
handle=107 size=4096 usable=4096
$ alloc b 4096
handle=108 size=4096 usable=4096
$ alloc b 4096
handle=109 size=4096 usable=4096
$ alloc b 4096
handle=110 size=4096 usable=4096
$ alloc b 4096
handle=111 size=4096 usable=4096
$ alloc b 4096
handle=112 size=4096 usable=4096
$ alloc b 4096
handle=113 size=4096 usable=4096
$ alloc b 4096
handle=114 size=4096 usable=4096
$ alloc b 4096
handle=115 size=4096 usable=4096
$ alloc b 4096
handle=116 size=4096 usable=4096
$ alloc b 4096
handle=117 size=4096 usable=4096
$ alloc b 4096
handle=118 size=4096 usable=4096
$ alloc b 4096
handle=119 size=4096 usable=4096
$ alloc b 4096
handle=120 size=4096 usable=4096
$ alloc b 4096
handle=121 size=4096 usable=4096
$ alloc b 4096
handle=122 size=4096 usable=4096
$ alloc b 4096
handle=123 size=4096 usable=4096
$ alloc b 4096
handle=124 size=4096 usable=4096
$ alloc b 4096
handle=125 size=4096 usable=4096
$ alloc b 4096
handle=126 size=4096 usable=4096
$ alloc b 4096
handle=127 size=4096 usable=4096
$ alloc b 4096
handle=128 size=4096 usable=4096
$ alloc b 4096
handle=129 size=4096 usable=4096
$ alloc b 4096
handle=130 size=4096 usable=4096
$ alloc b 4096
handle=131 size=4096 usable=4096
$ alloc b 4096
handle=132 size=4096 usable=4096
$ alloc b 4096
handle=133 size=4096 usable=4096
$ alloc b 4096
handle=134 size=4096 usable=4096
$ alloc b 4096
handle=135 size=4096 usable=4096
$ alloc b 4096
handle=136 size=4096 usable=4096
$ alloc b 4096
handle=137 size=4096 usable=4096
$ alloc b 4096
handle=138 size=4096 usable=4096
$ alloc b 4096
handle=139 size=4096 usable=4096
$ alloc b 4096
handle=140 size=4096 usable=4096
$ alloc b 4096
handle=141 size=4096 usable=4096
$ alloc b 4096
handle=142 size=4096 usable=4096
$ alloc b 4096
handle=143 size=4096 usable=4096
$ alloc b 4096
handle=144 size=4096 usable=4096
$ alloc b 4096
handle=145 size=4096 usable=4096
$ alloc b 4096
handle=146 size=4096 usable=4096
$ alloc b 4096
handle=147 size=4096 usable=4096
$ alloc b 4096
handle=148 size=4096 usable=4096
$ alloc b 4096
handle=149 size=4096 usable=4096
$ alloc b 4096
handle=150 size=4096 usable=4096
$ alloc b 4096
handle=151 size=4096 usable=4096
$ alloc b 4096
handle=152 size=4096 usable=4096
$ alloc b 4096
handle=153 size=4096 usable=4096
$ alloc b 4096
handle=154 size=4096 usable=4096
$ alloc b 4096
handle=155 size=4096 usable=4096
$ alloc b 4096
handle=156 size=4096 usable=4096
$ alloc b 4096
handle=157 size=4096 usable=4096
$ alloc b 4096
handle=158 size=4096 usable=4096
$ alloc b 4096
handle=159 size=4096 usable=4096
$ alloc b 4096
handle=160 size=4096 usable=4096
$ alloc b 4096
handle=161 size=4096 usable=4096
$ alloc b 4096
handle=162 size=4096 usable=4096
$ alloc b 4096
handle=163 size=4096 usable=4096
$ alloc b 4096
handle=164 size=4096 usable=4096
$ alloc b 4096
handle=165 size=4096 usable=4096
$ alloc b 4096
handle=166 size=4096 usable=4096
$ alloc b 4096
handle=167 size=4096 usable=4096
$ alloc b 4096
handle=168 size=4096 usable=4096
$ alloc b 4096
handle=169 size=4096 usable=4096
$ alloc b 4096
handle=170 size=4096 usable=4096
$ alloc b 4096
handle=171 size=4096 usable=4096
$ alloc b 4096
handle=172 size=4096 usable=4096
$ alloc b 4096
handle=173 size=4096 usable=4096
$ alloc b 4096
handle=174 size=4096 usable=4096
$ alloc b 4096
handle=175 size=4096 usable=4096
$ alloc b 4096
handle=176 size=4096 usable=4096
$ alloc b 4096
handle=177 size=4096 usable=4096
$ alloc b 4096
handle=178 size=4096 usable=4096
$ alloc b 4096
handle=179 size=4096 usable=4096
$ alloc b 4096
handle=180 size=4096 usable=4096
$ alloc b 4096
handle=181 size=4096 usable=4096
$ alloc b 4096
handle=182 size=4096 usable=4096
$ alloc b 4096
handle=183 size=4096 usable=4096
$ alloc b 4096
handle=184 size=4096 usable=4096
$ alloc b 4096
handle=185 size=4096 usable=4096
$ alloc b 4096
handle=186 size=4096 usable=4096
$ alloc b 4096
handle=187 size=4096 usable=4096
$ alloc b 4096
handle=188 size=4096 usable=4096
$ alloc b 4096
handle=189 size=4096 usable=4096
$ alloc b 4096
handle=190 size=4096 usable=4096
$ alloc b 4096
handle=191 size=4096 usable=4096
$ alloc b 4096
handle=192 size=4096 usable=4096
$ alloc b 4096
handle=193 size=4096 usable=4096
$ alloc b 4096
handle=194 size=4096 usable=4096
$ alloc b 4096
handle=195 size=4096 usable=4096
$ alloc b 4096
handle=196 size=4096 usable=4096
$ alloc b 4096
handle=197 size=4096 usable=4096
$ alloc b 4096
handle=198 size=4096 usable=4096
$ alloc b 4096
handle=199 size=4096 usable=4096
$ alloc b 4096
handle=200 size=4096 usable=4096
$ alloc b 4096
handle=201 size=4096 usable=4096
$ alloc b 4096
handle=202 size=4096 usable=4096
$ alloc b 4096
handle=203 size=4096 usable=4096
$ alloc b 4096
handle=204 size=4096 usable=4096
$ alloc b 4096
handle=205 size=4096 usable=4096
$ alloc b 4096
handle=206 size=4096 usable=4096
$ alloc b 4096
handle=207 size=4096 usable=4096
$ alloc b 4096
handle=208 size=4096 usable=4096
$ alloc b 4096
handle=209 size=4096 usable=4096
$ alloc b 4096
handle=210 size=4096 usable=4096
$ alloc b 4096
handle=211 size=4096 usable=4096
$ alloc b 4096
handle=212 size=4096 usable=4096
$ alloc b 4096
handle=213 size=4096 usable=4096
$ alloc b 4096
handle=214 size=4096 usable=4096
$ alloc b 4096
handle=215 size=4096 usable=4096
$ alloc b 4096
handle=216 size=4096 usable=4096
$ alloc b 4096
handle=217 size=4096 usable=4096
$ alloc b 4096
handle=218 size=4096 usable=4096
$ alloc b 4096
handle=219 size=4096 usable=4096
$ alloc b 4096
handle=220 size=4096 usable=4096
$ alloc b 4096
handle=221 size=4096 usable=4096
$ alloc b 4096
handle=222 size=4096 usable=4096
$ alloc b 4096
handle=223 size=4096 usable=4096
$ alloc b 4096
handle=224 size=4096 usable=4096
$ alloc b 4096
handle=225 size=4096 usable=4096
$ alloc b 4096
handle=226 size=4096 usable=4096
$ alloc b 4096
handle=227 size=4096 usable=4096
$ alloc b 4096
handle=228 size=4096 usable=4096
$ alloc b 4096
handle=229 size=4096 usable=4096
$ alloc b 4096
handle=230 size=4096 usable=4096
$ alloc b 4096
handle=231 size=4096 usable=4096
$ alloc b 4096
handle=232 size=4096 usable=4096
$ alloc b 4096
handle=233 size=4096 usable=4096
$ alloc b 4096
handle=234 size=4096 usable=4096
$ alloc b 4096
handle=235 size=4096 usable=4096
$ alloc b 4096
handle=236 size=4096 usable=4096
$ alloc b 4096
handle=237 size=4096 usable=4096
$ alloc b 4096
handle=238 size=4096 usable=4096
$ alloc b 4096
handle=239 size=4096 usable=4096
$ alloc b 4096
handle=240 size=4096 usable=4096
$ alloc b 4096
handle=241 size=4096 usable=4096
$ alloc b 4096
handle=242 size=4096 usable=4096
$ alloc b 4096
handle=243 size=4096 usable=4096
$ alloc b 4096
handle=244 size=4096 usable=4096
$ alloc b 4096
handle=245 size=4096 usable=4096
$ alloc b 4096
handle=246 size=4096 usable=4096
$ alloc b 4096
handle=247 size=4096 usable=4096
$ alloc b 4096
handle=248 size=4096 usable=4096
$ alloc b 4096
handle=249 size=4096 usable=4096
$ alloc b 4096
handle=250 size=4096 usable=4096
$ alloc b 4096
handle=251 size=4096 usable=4096
$ alloc b 4096
handle=252 size=4096 usable=4096
$ alloc b 4096
handle=253 size=4096 usable=4096
$ alloc b 4096
handle=254 size=4096 usable=4096
$ alloc b 4096
handle=255 size=4096 usable=4096
$ alloc b 4096
handle=256 size=4096 usable=4096
$ alloc b 4096
handle=257 size=4096 usable=4096
$ alloc b 4096
handle=258 size=4096 usable=4096
$ alloc b 4096
handle=259 size=4096 usable=4096
$ alloc b 4096
handle=260 size=4096 usable=4096
$ alloc b 4096
handle=261 size=4096 usable=4096
$ alloc b 4096
handle=262 size=4096 usable=4096
$ alloc b 4096
handle=263 size=4096 usable=4096
$ alloc b 4096
handle=264 size=4096 usable=4096
$ alloc b 4096
handle=265 size=4096 usable=4096
$ alloc b 4096
handle=266 size=4096 usable=4096
$ alloc b 4096
handle=267 size=4096 usable=4096
$ alloc b 4096
handle=268 size=4096 usable=4096
$ alloc b 4096
handle=269 size=4096 usable=4096
$ alloc b 4096
handle=270 size=4096 usable=4096
$ alloc b 4096
handle=271 size=4096 usable=4096
$ alloc b 4096
handle=272 size=4096 usable=4096
$ alloc b 4096
handle=273 size=4096 usable=4096
$ alloc b 4096
handle=274 size=4096 usable=4096
$ alloc b 4096
handle=275 size=4096 usable=4096
$ alloc b 4096
handle=276 size=4096 usable=4096
$ alloc b 4096
handle=277 size=4096 usable=4096
$ alloc b 4096
handle=278 size=4096 usable=4096
$ alloc b 4096
handle=279 size=4096 usable=4096
$ alloc b 4096
handle=280 size=4096 usable=4096
$ alloc b 4096
handle=281 size=4096 usable=4096
$ alloc b 4096
handle=282 size=4096 usable=4096
$ alloc b 4096
handle=283 size=4096 usable=4096
$ alloc b 4096
handle=284 size=4096 usable=4096
$ alloc b 4096
handle=285 size=4096 usable=4096
$ alloc b 4096
handle=286 size=4096 usable=4096
$ alloc b 4096
handle=287 size=4096 usable=4096
$ alloc b 4096
handle=288 size=4096 usable=4096
$ alloc b 4096
handle=289 size=4096 usable=4096
$ alloc b 4096
handle=290 size=4096 usable=4096
$ alloc b 4096
handle=291 size=4096 usable=4096
$ alloc b 4096
handle=292 size=4096 usable=4096
$ alloc b 4096
handle=293 size=4096 usable=4096
$ alloc b 4096
handle=294 size=4096 usable=4096
$ alloc b 4096
handle=295 size=4096 usable=4096
$ alloc b 4096
handle=296 size=4096 usable=4096
$ alloc b 4096
handle=297 size=4096 usable=4096
$ alloc b 4096
handle=298 size=4096 usable=4096
$ alloc b 4096
handle=299 size=4096 usable=4096
$ free b 1
freed handle=1 size=4096 usable=4096
$ free b 3
freed handle=3 size=4096 usable=4096
$ free b 5
freed handle=5 size=4096 usable=4096
$ free b 7
freed handle=7 size=4096 usable=4096
$ free b 9
freed handle=9 size=4096 usable=4096
$ free b 11
freed handle=11 size=4096 usable=4096
$ free b 13
freed handle=13 size=4096 usable=4096
$ free b 15
freed handle=15 size=4096 usable=4096
$ free b 17
freed handle=17 size=4096 usable=4096
$ free b 19
freed handle=19 size=4096 usable=4096
$ free b 21
freed handle=21 size=4096 usable=4096
$ free b 23
freed handle=23 size=4096 usable=4096
$ free b 25
freed handle=25 size=4096 usable=4096
$ free b 27
freed handle=27 size=4096 usable=4096
$ free b 29
freed handle=29 size=4096 usable=4096
$ free b 31
freed handle=31 size=4096 usable=4096
$ free b 33
freed handle=33 size=4096 usable=4096
$ free b 35
freed handle=35 size=4096 usable=4096
$ free b 37
freed handle=37 size=4096 usable=4096
$ free b 39
freed handle=39 size=4096 usable=4096
$ free b 41
freed handle=41 size=4096 usable=4096
$ free b 43
freed handle=43 size=4096 usable=4096
$ free b 45
freed handle=45 size=4096 usable=4096
$ free b 47
freed handle=47 size=4096 usable=4096
$ free b 49
freed handle=49 size=4096 usable=4096
$ free b 51
freed handle=51 size=4096 usable=4096
$ free b 53
freed handle=53 size=4096 usable=4096
$ free b 55
freed handle=55 size=4096 usable=4096
$ free b 57
freed handle=57 size=4096 usable=4096
$ free b 59
freed handle=59 size=4096 usable=4096
$ free b 61
freed handle=61 size=4096 usable=4096
$ free b 63
freed handle=63 size=4096 usable=4096
$ free b 65
freed handle=65 size=4096 usable=4096
$ free b 67
freed handle=67 size=4096 usable=4096
$ free b 69
freed handle=69 size=4096 usable=4096
$ free b 71
freed handle=71 size=4096 usable=4096
$ free b 73
freed handle=73 size=4096 usable=4096
$ free b 75
freed handle=75 size=4096 usable=4096
$ free b 77
freed handle=77 size=4096 usable=4096
$ free b 79
freed handle=79 size=4096 usable=4096
$ free b 81
freed handle=81 size=4096 usable=4096
$ free b 83
freed handle=83 size=4096 usable=4096
$ free b 85
freed handle=85 size=4096 usable=4096
$ free b 87
freed handle=87 size=4096 usable=4096
$ free b 89
freed handle=89 size=4096 usable=4096
$ free b 91
freed handle=91 size=4096 usable=4096
$ free b 93
freed handle=93 size=4096 usable=4096
$ free b 95
freed handle=95 size=4096 usable=4096
$ free b 97
freed handle=97 size=4096 usable=4096
$ free b 99
freed handle=99 size=4096 usable=4096
$ free b 101
freed handle=101 size=4096 usable=4096
$ free b 103
freed handle=103 size=4096 usable=4096
$ free b 105
freed handle=105 size=4096 usable=4096
$ free b 107
freed handle=107 size=4096 usable=4096
$ free b 109
freed handle=109 size=4096 usable=4096
$ free b 111
freed handle=111 size=4096 usable=4096
$ free b 113
freed handle=113 size=4096 usable=4096
$ free b 115
freed handle=115 size=4096 usable=4096
$ free b 117
freed handle=117 size=4096 usable=4096
$ free b 119
freed handle=119 size=4096 usable=4096
$ free b 121
freed handle=121 size=4096 usable=4096
$ free b 123
freed handle=123 size=4096 usable=4096
$ free b 125
freed handle=125 size=4096 usable=4096
$ free b 127
freed handle=127 size=4096 usable=4096
$ free b 129
freed handle=129 size=4096 usable=4096
$ free b 131
freed handle=131 size=4096 usable=4096
$ free b 133
freed handle=133 size=4096 usable=4096
$ free b 135
freed handle=135 size=4096 usable=4096
$ free b 137
freed handle=137 size=4096 usable=4096
$ free b 139
freed handle=139 size=4096 usable=4096
$ free b 141
freed handle=141 size=4096 usable=4096
$ free b 143
freed handle=143 size=4096 usable=4096
$ free b 145
freed handle=145 size=4096 usable=4096
$ free b 147
freed handle=147 size=4096 usable=4096
$ free b 149
freed handle=149 size=4096 usable=4096
$ free b 151
freed handle=151 size=4096 usable=4096
$ free b 153
freed handle=153 size=4096 usable=4096
$ free b 155
freed handle=155 size=4096 usable=4096
$ free b 157
freed handle=157 size=4096 usable=4096
$ free b 159
freed handle=159 size=4096 usable=4096
$ free b 161
freed handle=161 size=4096 usable=4096
$ free b 163
freed handle=163 size=4096 usable=4096
$ free b 165
freed handle=165 size=4096 usable=4096
$ free b 167
freed handle=167 size=4096 usable=4096
$ free b 169
freed handle=169 size=4096 usable=4096
$ free b 171
freed handle=171 size=4096 usable=4096
$ free b 173
freed handle=173 size=4096 usable=4096
$ free b 175
freed handle=175 size=4096 usable=4096
$ free b 177
freed handle=177 size=4096 usable=4096
$ free b 179
freed handle=179 size=4096 usable=4096
$ free b 181
freed handle=181 size=4096 usable=4096
$ free b 183
freed handle=183 size=4096 usable=4096
$ free b 185
freed handle=185 size=4096 usable=4096
$ free b 187
freed handle=187 size=4096 usable=4096
$ free b 189
freed handle=189 size=4096 usable=4096
$ free b 191
freed handle=191 size=4096 usable=4096
$ free b 193
freed handle=193 size=4096 usable=4096
$ free b 195
freed handle=195 size=4096 usable=4096
$ free b 197
freed handle=197 size=4096 usable=4096
$ free b 199
freed handle=199 size=4096 usable=4096
$ free b 201
freed handle=201 size=4096 usable=4096
$ free b 203
freed handle=203 size=4096 usable=4096
$ free b 205
freed handle=205 size=4096 usable=4096
$ free b 207
freed handle=207 size=4096 usable=4096
$ free b 209
freed handle=209 size=4096 usable=4096
$ free b 211
freed handle=211 size=4096 usable=4096
$ free b 213
freed handle=213 size=4096 usable=4096
$ free b 215
freed handle=215 size=4096 usable=4096
$ free b 217
freed handle=217 size=4096 usable=4096
$ free b 219
freed handle=219 size=4096 usable=4096
$ free b 221
freed handle=221 size=4096 usable=4096
$ free b 223
freed handle=223 size=4096 usable=4096
$ free b 225
freed handle=225 size=4096 usable=4096
$ free b 227
freed handle=227 size=4096 usable=4096
$ free b 229
freed handle=229 size=4096 usable=4096
$ free b 231
freed handle=231 size=4096 usable=4096
$ free b 233
freed handle=233 size=4096 usable=4096
$ free b 235
freed handle=235 size=4096 usable=4096
$ free b 237
freed handle=237 size=4096 usable=4096
$ free b 239
freed handle=239 size=4096 usable=4096
$ free b 241
freed handle=241 size=4096 usable=4096
$ free b 243
freed handle=243 size=4096 usable=4096
$ free b 245
freed handle=245 size=4096 usable=4096
$ free b 247
freed handle=247 size=4096 usable=4096
$ free b 249
freed handle=249 size=4096 usable=4096
$ free b 251
freed handle=251 size=4096 usable=4096
$ free b 253
freed handle=253 size=4096 usable=4096
$ free b 255
freed handle=255 size=4096 usable=4096
$ free b 257
freed handle=257 size=4096 usable=4096
$ free b 259
freed handle=259 size=4096 usable=4096
$ free b 261
freed handle=261 size=4096 usable=4096
$ free b 263
freed handle=263 size=4096 usable=4096
$ free b 265
freed handle=265 size=4096 usable=4096
$ free b 267
freed handle=267 size=4096 usable=4096
$ free b 269
freed handle=269 size=4096 usable=4096
$ free b 271
freed handle=271 size=4096 usable=4096
$ free b 273
freed handle=273 size=4096 usable=4096
$ free b 275
freed handle=275 size=4096 usable=4096
$ free b 277
freed handle=277 size=4096 usable=4096
$ free b 279
freed handle=279 size=4096 usable=4096
$ free b 281
freed handle=281 size=4096 usable=4096
$ free b 283
freed handle=283 size=4096 usable=4096
$ free b 285
freed handle=285 size=4096 usable=4096
$ free b 287
freed handle=287 size=4096 usable=4096
$ free b 289
freed handle=289 size=4096 usable=4096
$ free b 291
freed handle=291 size=4096 usable=4096
$ free b 293
freed handle=293 size=4096 usable=4096
$ free b 295
freed handle=295 size=4096 usable=4096
$ free b 297
freed handle=297 size=4096 usable=4096
$ free b 299
freed handle=299 size=4096 usable=4096
$ alloc h 1000
handle=0 size=1000 usable=1000 addr=0 searched=1
ptr[0] = Alloc(1000) returned 0 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1000 sz:64536 ]

$ alloc h 1000
handle=1 size=1000 usable=1000 addr=1000 searched=1
ptr[1] = Alloc(1000) returned 1000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:2000 sz:63536 ]

$ alloc h 1000
handle=2 size=1000 usable=1000 addr=2000 searched=1
ptr[2] = Alloc(1000) returned 2000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:3000 sz:62536 ]

$ alloc h 1000
handle=3 size=1000 usable=1000 addr=3000 searched=1
ptr[3] = Alloc(1000) returned 3000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:4000 sz:61536 ]

$ alloc h 1000
handle=4 size=1000 usable=1000 addr=4000 searched=1
ptr[4] = Alloc(1000) returned 4000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:5000 sz:60536 ]

$ alloc h 1000
handle=5 size=1000 usable=1000 addr=5000 searched=1
ptr[5] = Alloc(1000) returned 5000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:6000 sz:59536 ]

$ alloc h 1000
handle=6 size=1000 usable=1000 addr=6000 searched=1
ptr[6] = Alloc(1000) returned 6000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:7000 sz:58536 ]

$ alloc h 1000
handle=7 size=1000 usable=1000 addr=7000 searched=1
ptr[7] = Alloc(1000) returned 7000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:8000 sz:57536 ]

$ alloc h 1000
handle=8 size=1000 usable=1000 addr=8000 searched=1
ptr[8] = Alloc(1000) returned 8000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:9000 sz:56536 ]

$ alloc h 1000
handle=9 size=1000 usable=1000 addr=9000 searched=1
ptr[9] = Alloc(1000) returned 9000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:10000 sz:55536 ]

$ alloc h 1000
handle=10 size=1000 usable=1000 addr=10000 searched=1
ptr[10] = Alloc(1000) returned 10000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:11000 sz:54536 ]

$ alloc h 1000
handle=11 size=1000 usable=1000 addr=11000 searched=1
ptr[11] = Alloc(1000) returned 11000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:12000 sz:53536 ]

$ alloc h 1000
handle=12 size=1000 usable=1000 addr=12000 searched=1
ptr[12] = Alloc(1000) returned 12000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:13000 sz:52536 ]

$ alloc h 1000
handle=13 size=1000 usable=1000 addr=13000 searched=1
ptr[13] = Alloc(1000) returned 13000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:14000 sz:51536 ]

$ alloc h 1000
handle=14 size=1000 usable=1000 addr=14000 searched=1
ptr[14] = Alloc(1000) returned 14000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:15000 sz:50536 ]

$ alloc h 1000
handle=15 size=1000 usable=1000 addr=15000 searched=1
ptr[15] = Alloc(1000) returned 15000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:16000 sz:49536 ]

$ alloc h 1000
handle=16 size=1000 usable=1000 addr=16000 searched=1
ptr[16] = Alloc(1000) returned 16000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:17000 sz:48536 ]

$ alloc h 1000
handle=17 size=1000 usable=1000 addr=17000 searched=1
ptr[17] = Alloc(1000) returned 17000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:18000 sz:47536 ]

$ alloc h 1000
handle=18 size=1000 usable=1000 addr=18000 searched=1
ptr[18] = Alloc(1000) returned 18000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:19000 sz:46536 ]

$ alloc h 1000
handle=19 size=1000 usable=1000 addr=19000 searched=1
ptr[19] = Alloc(1000) returned 19000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:20000 sz:45536 ]

$ alloc h 1000
handle=20 size=1000 usable=1000 addr=20000 searched=1
ptr[20] = Alloc(1000) returned 20000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:21000 sz:44536 ]

$ alloc h 1000
handle=21 size=1000 usable=1000 addr=21000 searched=1
ptr[21] = Alloc(1000) returned 21000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:22000 sz:43536 ]

$ alloc h 1000
handle=22 size=1000 usable=1000 addr=22000 searched=1
ptr[22] = Alloc(1000) returned 22000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:23000 sz:42536 ]

$ alloc h 1000
handle=23 size=1000 usable=1000 addr=23000 searched=1
ptr[23] = Alloc(1000) returned 23000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:24000 sz:41536 ]

$ alloc h 1000
handle=24 size=1000 usable=1000 addr=24000 searched=1
ptr[24] = Alloc(1000) returned 24000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:25000 sz:40536 ]

$ alloc h 1000
handle=25 size=1000 usable=1000 addr=25000 searched=1
ptr[25] = Alloc(1000) returned 25000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:26000 sz:39536 ]

$ alloc h 1000
handle=26 size=1000 usable=1000 addr=26000 searched=1
ptr[26] = Alloc(1000) returned 26000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:27000 sz:38536 ]

$ alloc h 1000
handle=27 size=1000 usable=1000 addr=27000 searched=1
ptr[27] = Alloc(1000) returned 27000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:28000 sz:37536 ]

$ alloc h 1000
handle=28 size=1000 usable=1000 addr=28000 searched=1
ptr[28] = Alloc(1000) returned 28000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:29000 sz:36536 ]

$ alloc h 1000
handle=29 size=1000 usable=1000 addr=29000 searched=1
ptr[29] = Alloc(1000) returned 29000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:30000 sz:35536 ]

$ alloc h 1000
handle=30 size=1000 usable=1000 addr=30000 searched=1
ptr[30] = Alloc(1000) returned 30000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:31000 sz:34536 ]

$ alloc h 1000
handle=31 size=1000 usable=1000 addr=31000 searched=1
ptr[31] = Alloc(1000) returned 31000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:32000 sz:33536 ]

$ alloc h 1000
handle=32 size=1000 usable=1000 addr=32000 searched=1
ptr[32] = Alloc(1000) returned 32000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:33000 sz:32536 ]

$ alloc h 1000
handle=33 size=1000 usable=1000 addr=33000 searched=1
ptr[33] = Alloc(1000) returned 33000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:34000 sz:31536 ]

$ alloc h 1000
handle=34 size=1000 usable=1000 addr=34000 searched=1
ptr[34] = Alloc(1000) returned 34000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:35000 sz:30536 ]

$ alloc h 1000
handle=35 size=1000 usable=1000 addr=35000 searched=1
ptr[35] = Alloc(1000) returned 35000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:36000 sz:29536 ]

$ alloc h 1000
handle=36 size=1000 usable=1000 addr=36000 searched=1
ptr[36] = Alloc(1000) returned 36000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:37000 sz:28536 ]

$ alloc h 1000
handle=37 size=1000 usable=1000 addr=37000 searched=1
ptr[37] = Alloc(1000) returned 37000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:38000 sz:27536 ]

$ alloc h 1000
handle=38 size=1000 usable=1000 addr=38000 searched=1
ptr[38] = Alloc(1000) returned 38000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:39000 sz:26536 ]

$ alloc h 1000
handle=39 size=1000 usable=1000 addr=39000 searched=1
ptr[39] = Alloc(1000) returned 39000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:40000 sz:25536 ]

$ free h 0
freed handle=0 size=1000 usable=1000
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 2
freed handle=2 size=1000 usable=1000
Free(ptr[2])
returned 0
Free List [ Size 3 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 4
freed handle=4 size=1000 usable=1000
Free(ptr[4])
returned 0
Free List [ Size 4 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 6
freed handle=6 size=1000 usable=1000
Free(ptr[6])
returned 0
Free List [ Size 5 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 8
freed handle=8 size=1000 usable=1000
Free(ptr[8])
returned 0
Free List [ Size 6 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 10
freed handle=10 size=1000 usable=1000
Free(ptr[10])
returned 0
Free List [ Size 7 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 12
freed handle=12 size=1000 usable=1000
Free(ptr[12])
returned 0
Free List [ Size 8 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 14
freed handle=14 size=1000 usable=1000
Free(ptr[14])
returned 0
Free List [ Size 9 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 16
freed handle=16 size=1000 usable=1000
Free(ptr[16])
returned 0
Free List [ Size 10 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 18
freed handle=18 size=1000 usable=1000
Free(ptr[18])
returned 0
Free List [ Size 11 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 20
freed handle=20 size=1000 usable=1000
Free(ptr[20])
returned 0
Free List [ Size 12 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 22
freed handle=22 size=1000 usable=1000
Free(ptr[22])
returned 0
Free List [ Size 13 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 24
freed handle=24 size=1000 usable=1000
Free(ptr[24])
returned 0
Free List [ Size 14 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 26
freed handle=26 size=1000 usable=1000
Free(ptr[26])
returned 0
Free List [ Size 15 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 28
freed handle=28 size=1000 usable=1000
Free(ptr[28])
returned 0
Free List [ Size 16 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:28000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 30
freed handle=30 size=1000 usable=1000
Free(ptr[30])
returned 0
Free List [ Size 17 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:28000 sz:1000 ][ addr:30000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 32
freed handle=32 size=1000 usable=1000
Free(ptr[32])
returned 0
Free List [ Size 18 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:28000 sz:1000 ][ addr:30000 sz:1000 ][ addr:32000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 34
freed handle=34 size=1000 usable=1000
Free(ptr[34])
returned 0
Free List [ Size 19 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:28000 sz:1000 ][ addr:30000 sz:1000 ][ addr:32000 sz:1000 ][ addr:34000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 36
freed handle=36 size=1000 usable=1000
Free(ptr[36])
returned 0
Free List [ Size 20 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:28000 sz:1000 ][ addr:30000 sz:1000 ][ addr:32000 sz:1000 ][ addr:34000 sz:1000 ][ addr:36000 sz:1000 ][ addr:40000 sz:25536 ]

$ free h 38
freed handle=38 size=1000 usable=1000
Free(ptr[38])
returned 0
Free List [ Size 21 ]: [ addr:0 sz:1000 ][ addr:2000 sz:1000 ][ addr:4000 sz:1000 ][ addr:6000 sz:1000 ][ addr:8000 sz:1000 ][ addr:10000 sz:1000 ][ addr:12000 sz:1000 ][ addr:14000 sz:1000 ][ addr:16000 sz:1000 ][ addr:18000 sz:1000 ][ addr:20000 sz:1000 ][ addr:22000 sz:1000 ][ addr:24000 sz:1000 ][ addr:26000 sz:1000 ][ addr:28000 sz:1000 ][ addr:30000 sz:1000 ][ addr:32000 sz:1000 ][ addr:34000 sz:1000 ][ addr:36000 sz:1000 ][ addr:38000 sz:1000 ][ addr:40000 sz:25536 ]

$ cat slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-192             168    609    192   21    1 : tunables    0    0    0 : slabdata     29     29      0
slab-512             210    210    512   15    2 : tunables    0    0    0 : slabdata     14     14      0
slab-64              115    315     64   63    1 : tunables    0    0    0 : slabdata      5      5      0
$ cat b buddyinfo
Node 0, zone  kmemlab    150      0      1      0      1      0      1      1      0      1      0 
$ cat b frag
unusable_index:
Node 0, zone  kmemlab 0.000 0.171 0.171 0.176 0.176 0.194 0.194 0.267 0.414 0.414 1.000 
extfrag_index:
Node 0, zone  kmemlab -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.989 
$ cat h heapmap
heap first-fit: region 65536 base 0 align 8 header 0 min_split 1 list address coalesce on
    offset              address       size state request handle
         0                    0       1000 free
      1000                 1000       1000 used  1000 1
      2000                 2000       1000 free
      3000                 3000       1000 used  1000 3
      4000                 4000       1000 free
      5000                 5000       1000 used  1000 5
      6000                 6000       1000 free
      7000                 7000       1000 used  1000 7
      8000                 8000       1000 free
      9000                 9000       1000 used  1000 9
     10000                10000       1000 free
     11000                11000       1000 used  1000 11
     12000                12000       1000 free
     13000                13000       1000 used  1000 13
     14000                14000       1000 free
     15000                15000       1000 used  1000 15
     16000                16000       1000 free
     17000                17000       1000 used  1000 17
     18000                18000       1000 free
     19000                19000       1000 used  1000 19
     20000                20000       1000 free
     21000                21000       1000 used  1000 21
     22000                22000       1000 free
     23000                23000       1000 used  1000 23
     24000                24000       1000 free
     25000                25000       1000 used  1000 25
     26000                26000       1000 free
     27000                27000       1000 used  1000 27
     28000                28000       1000 free
     29000                29000       1000 used  1000 29
     30000                30000       1000 free
     31000                31000       1000 used  1000 31
     32000                32000       1000 free
     33000                33000       1000 used  1000 33
     34000                34000       1000 free
     35000                35000       1000 used  1000 35
     36000                36000       1000 free
     37000                37000       1000 used  1000 37
     38000                38000       1000 free
     39000                39000       1000 used  1000 39
     40000                40000      25536 free
largest free block: 25536
largest free run: 25536
total free: 45536
external fragmentation: 43.9%
free list length: 21
