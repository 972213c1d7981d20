"""Fitted weights of the attribution cues between pieces (written by attribution_fit.py).

``name weight`` pairs: see :mod:`~grader.transcripts.attribution.cues` for what the
names mean. Fitted on the house-style splits' stripped copies only; do not edit by hand.
"""

OPENER = 9.09
TEMPERATURE = 1.05
SWITCH = """
acknowledgement 2.18 after:2 -0.11 after:20 -0.06 after:4 -0.08 after:6 -0.08 after:8 -0.09
after:across -0.08 after:actually 0.15 after:after -0.14 after:again -0.09 after:against -0.15
after:all 0.31 after:already -0.06 after:also -0.17 after:an -0.12 after:and -0.55
after:android 0.07 after:another 0.18 after:any 0.23 after:anything 0.56 after:api -0.08
after:app -0.22 after:are -0.43 after:as -0.37 after:at -0.15 after:back 0.21
after:basically 0.12 after:be -0.18 after:because -0.08 after:before 0.22 after:being -0.1
after:better 0.1 after:between -0.08 after:both 0.66 after:but -0.49 after:by -0.24
after:call -0.08 after:can -0.36 after:change -0.13 after:changed -0.07 after:cheap -0.1
after:check -0.11 after:code -0.05 after:come -0.06 after:complaints -0.11 after:correct -0.2
after:costs -0.07 after:count 0.1 after:customers -0.13 after:data -0.16 after:database -0.09
after:day -0.09 after:days -0.16 after:device 0.15 after:different -0.06 after:does -0.28
after:doesn't -0.15 after:don't -0.17 after:down -0.1 after:each 0.1 after:end -0.1
after:even 0.15 after:event -0.11 after:every -0.16 after:everything -0.06 after:exactly -0.51
after:fair 0.22 after:faster 0.18 after:file -0.07 after:fine 0.16 after:five -0.05
after:fix -0.08 after:fixed 0.05 after:for -0.13 after:four 0.07 after:get -0.19
after:gets -0.12 after:give -0.22 after:goes -0.09 after:good -0.06 after:half 0.08
after:happen -0.06 after:has -0.18 after:have -0.15 after:here 0.21 after:here's 0.32
after:honestly 0.33 after:hours -0.09 after:how 0.79 after:i 0.85 after:i'll 0.48
after:i'm 0.84 after:id -0.05 after:if -0.28 after:in -0.49 after:into -0.08 after:ios -0.06
after:is -0.45 after:it 0.1 after:it's 0.32 after:its -0.09 after:itself -0.07 after:job -0.08
after:just 0.14 after:keep 0.07 after:key -0.1 after:know -0.62 after:last 0.31
after:late -0.05 after:less 0.09 after:let 1.58 after:let's 0.76 after:list -0.06
after:lot -0.06 after:make 0.31 after:many 0.05 after:me -0.07 after:median -0.09
after:million -0.11 after:minutes -0.21 after:month -0.07 after:most 0.18 after:mostly 0.72
after:move -0.07 after:much -0.08 after:my -0.32 after:need -0.15 after:never -0.07
after:new -0.1 after:next -0.1 after:no 0.65 after:nobody -0.13 after:not 0.75
after:nothing 0.24 after:now 0.09 after:number 0.12 after:of -0.78 after:often -0.05
after:oh 1.15 after:okay 1.58 after:on -0.15 after:one 0.09 after:ones -0.05 after:open -0.07
after:or -0.59 after:order -0.13 after:other -0.12 after:our 0.08 after:out -0.11
after:over -0.15 after:own -0.11 after:part -0.08 after:people -0.28 after:percent -0.27
after:phone -0.05 after:pick -0.15 after:plan 0.12 after:plus -0.18 after:primary 0.07
after:probably 0.25 after:push 0.14 after:quarter -0.07 after:rate -0.11 after:rather -0.07
after:read -0.13 after:real 0.3 after:really -0.05 after:request -0.14 after:requests -0.08
after:right -0.26 after:roughly -0.07 after:run -0.11 after:runs -0.08 after:say 0.35
after:second -0.26 after:seconds -0.06 after:see -0.15 after:server 0.1 after:service -0.06
after:share -0.05 after:should 0.09 after:show -0.1 after:since -0.17 after:so 0.44
after:some 0.5 after:something -0.07 after:split -0.05 after:start -0.05 after:step 0.14
after:support 0.05 after:system -0.07 after:table -0.1 after:takes -0.06 after:team -0.12
after:tell -0.05 after:ten -0.08 after:test -0.08 after:than -0.31 after:that 0.39
after:that's 0.51 after:the 0.22 after:them -0.23 after:then 1.58 after:there 0.58
after:there's 0.29 after:they 0.09 after:they'd 0.31 after:thing -0.05 after:think -0.15
after:third -0.26 after:three 0.45 after:through -0.16 after:time -0.13 after:times -0.08
after:to -0.57 after:today 0.16 after:total 0.06 after:twice -0.07 after:two 0.31
after:up -0.12 after:us -0.08 after:use 0.19 after:users -0.22 after:version -0.12
after:waiting -0.08 after:walk 0.08 after:want -0.13 after:was -0.3 after:way -0.07
after:we'd 0.58 after:we're -0.14 after:were -0.12 after:what 0.33 after:whatever 0.22
after:when -0.12 after:where -0.08 after:which -0.12 after:whichever 0.21 after:who -0.23
after:why 0.43 after:with -0.32 after:within -0.11 after:without -0.1 after:work -0.08
after:would 0.46 after:wrong -0.15 after:yeah 0.16 after:yes 0.65 after:you're -0.09
after:your -0.05 before:000 -0.06 before:1 -0.12 before:15 -0.09 before:3 -0.18 before:30 -0.2
before:40 -0.06 before:5 -0.07 before:6 -0.05 before:8 -0.11 before:9 -0.13 before:a -1.15
before:about -0.26 before:account -0.1 before:across -0.07 before:actually -0.1 before:add 0.09
before:after 0.1 before:again 0.39 before:ago 0.21 before:alert -0.08 before:all -0.12
before:already -0.1 before:also -0.06 before:always -0.09 before:an -0.33 before:and -1.16
before:android 0.12 before:answer 0.07 before:anything 0.05 before:anyway 0.24 before:api -0.13
before:app -0.27 before:approach 0.16 before:apps -0.1 before:are -0.35 before:around 0.09
before:arrive -0.06 before:as -0.25 before:at -0.46 before:automatically 0.07
before:average -0.15 before:away 0.12 before:back 0.09 before:background 0.19 before:bad 0.07
before:basically 0.05 before:because -0.23 before:been -0.11 before:being -0.07
before:better 0.6 before:between -0.12 before:big -0.13 before:both -0.15 before:build 0.28
before:but -0.41 before:by -0.22 before:call 0.17 before:can -0.25 before:can't -0.06
before:care 0.1 before:cause 0.14 before:change 0.34 before:changed 0.12
before:complaints -0.05 before:connection -0.16 before:copy 0.1 before:cost -0.15
before:could -0.16 before:count 0.06 before:counts 0.06 before:customer -0.12
before:customers -0.1 before:dashboard 0.06 before:decide 0.15 before:design 0.13
before:do 0.21 before:does 0.08 before:doesn't -0.14 before:don't -0.1 before:done 0.2
before:down 0.41 before:drop -0.11 before:each -0.23 before:else 0.21 before:engineer -0.43
before:engineers 0.17 before:enough -0.07 before:error -0.13 before:even 0.12
before:every -0.22 before:everyone 0.13 before:everything -0.11 before:exactly -0.12
before:fail -0.05 before:fails 0.29 before:failure 0.15 before:faster 0.23 before:few -0.12
before:file 0.14 before:fine 0.39 before:first 0.17 before:five -0.05 before:fix 0.35
before:flag 0.08 before:for -0.38 before:forward 0.2 before:free -0.14 before:from -0.29
before:gap 0.1 before:get -0.25 before:gets -0.1 before:give -0.11 before:gives -0.05
before:go 0.25 before:goes -0.14 before:guess 0.21 before:half 0.09 before:happen 0.19
before:happens 0.14 before:has -0.14 before:here 0.31 before:here's 0.11 before:how -0.15
before:i -0.2 before:i'd -0.06 before:i'm -0.09 before:if -0.34 before:in -0.42
before:instead 0.06 before:into -0.15 before:is -0.58 before:it 0.63 before:it's -0.23
before:its -0.12 before:itself 0.11 before:job 0.14 before:just -0.1 before:keep -0.13
before:know -0.65 before:last -0.24 before:late 0.07 before:latency 0.21 before:later 0.2
before:leave 0.12 before:less 0.18 before:let 0.08 before:like -0.8 before:limit 0.16
before:list 0.18 before:log 0.09 before:long -0.15 before:longer -0.06 before:look -0.17
before:lost 0.07 before:lot -0.14 before:m -0.09 before:make -0.18 before:makes -0.07
before:many -0.16 before:me 0.68 before:measure -0.06 before:metric 0.1 before:million -0.08
before:milliseconds -0.07 before:minutes 0.14 before:moment -0.11 before:month -0.08
before:months 0.09 before:more -0.19 before:mostly -0.08 before:need 0.08 before:night -0.11
before:nightly -0.07 before:now 0.05 before:number 0.39 before:numbers 0.18 before:of -0.71
before:off 0.27 before:offline -0.07 before:often 0.18 before:oh -0.24 before:okay -0.75
before:old -0.12 before:on -0.09 before:once 0.18 before:one 0.18 before:ones 0.26
before:only -0.09 before:open 0.12 before:options 0.15 before:or -0.56 before:order -0.12
before:orders -0.08 before:our -0.29 before:out 0.34 before:overall -0.06 before:own -0.11
before:path 0.21 before:people -0.14 before:per -0.22 before:percent -0.11 before:person 0.1
before:phone 0.33 before:pick 0.21 before:plan 0.44 before:platform -0.11 before:plus -0.11
before:pm -0.12 before:point -0.12 before:possible 0.09 before:problem 0.13 before:push -0.14
before:put -0.06 before:quarter 0.08 before:query -0.09 before:question -0.09
before:questions -0.18 before:queue 0.09 before:read 0.14 before:really -0.15
before:release 0.16 before:report -0.05 before:reports 0.06 before:requests -0.2
before:requirement 0.13 before:response -0.08 before:revenue 0.3 before:right 0.07
before:risk 0.05 before:row -0.1 before:rule 0.06 before:run 0.19 before:runs 0.13
before:said -0.09 before:same -0.32 before:say -0.08 before:second -0.12 before:see -0.08
before:sends -0.06 before:server -0.08 before:service -0.21 before:ship 0.07
before:should -0.12 before:show -0.12 before:side 0.32 before:since -0.11 before:single -0.07
before:size 0.19 before:small -0.06 before:so -0.66 before:some 0.06 before:something -0.16
before:start 0.2 before:state 0.16 before:still -0.12 before:store -0.09 before:success 0.32
before:suppose 0.06 before:sure -0.27 before:system 0.07 before:table -0.12 before:take -0.1
before:target -0.07 before:team -0.25 before:tell -0.1 before:test 0.09 before:than -0.21
before:that -0.09 before:that's -0.21 before:the -1.41 before:their -0.21 before:them 0.47
before:then 0.29 before:there 0.47 before:they -0.34 before:they're -0.05 before:thing 0.21
before:things -0.44 before:think 0.13 before:third -0.07 before:this 0.45 before:those 0.19
before:though 0.12 before:three 0.07 before:through -0.14 before:ticket 0.18 before:time 0.2
before:to -0.74 before:today 0.11 before:together 0.12 before:too 0.06 before:track 0.14
before:traffic 0.1 before:twice 0.36 before:two -0.11 before:type -0.1 before:until -0.09
before:up 0.24 before:us 0.36 before:use -0.08 before:users 0.06 before:usually -0.07
before:value 0.06 before:version 0.05 before:view 0.05 before:volume 0.19 before:wait 0.14
before:was -0.08 before:way -0.1 before:we -0.29 before:web -0.08 before:well 0.26
before:were -0.08 before:what -0.45 before:when -0.12 before:where -0.17 before:whether -0.14
before:which -0.18 before:while -0.16 before:who -0.17 before:window -0.07 before:wins 0.12
before:with -0.37 before:within -0.16 before:without -0.08 before:work 0.22 before:worked 0.41
before:working 0.43 before:works 0.11 before:would -0.25 before:wrong 0.11 before:yes -0.08
before:you -0.18 before:zero 0.28 line -1.32 mid_sentence -3.98 opens_question 0.09
question 0.25 question_mark 2.06 sentence -2.71 word -3.27
"""
DIRECTION = """
acknowledgement 0.57 after:3 0.07 after:30 -0.05 after:a -0.09 after:about -0.5
after:actually -0.19 after:after 0.14 after:all 0.28 after:an -0.27 after:and -0.74
after:android 0.07 after:another -0.23 after:any -0.43 after:anything -0.64 after:are 0.17
after:around -0.07 after:as 0.12 after:at 0.25 after:average -0.15 after:back -0.13
after:basically 0.08 after:because 0.21 after:before -0.17 after:better -0.16 after:big -0.09
after:both -0.29 after:build 0.08 after:by -0.18 after:can 0.14 after:can't 0.09
after:change -0.05 after:changes 0.06 after:cost 0.06 after:could 0.13 after:customers 0.1
after:dashboard -0.05 after:data 0.09 after:device -0.12 after:did 0.07 after:different 0.06
after:do 0.4 after:does 0.13 after:each -0.12 after:either 0.19 after:even -0.18
after:every -0.24 after:everyone 0.06 after:exactly -0.19 after:fast 0.06 after:fine -0.11
after:first 0.26 after:five 0.07 after:fixed -0.09 after:four 0.15 after:give -0.14
after:go -0.17 after:going -0.17 after:good -0.08 after:got 0.22 after:half -0.1 after:has 0.09
after:here -0.25 after:here's -0.36 after:honestly 0.38 after:how -0.25 after:i 0.43
after:i'd 0.54 after:i'll 0.08 after:i'm -0.13 after:if -0.6 after:in 0.11 after:instead 0.09
after:ios -0.17 after:is 0.12 after:it's -0.16 after:just 0.38 after:keep 0.35 after:know -0.07
after:last -0.52 after:latency 0.09 after:less -0.09 after:let -0.32 after:let's -0.52
after:like 0.27 after:log 0.1 after:long 0.05 after:look -0.05 after:make 0.29 after:many -0.18
after:maybe 0.33 after:means 0.05 after:median 0.07 after:might 0.07 after:more 0.13
after:most -0.53 after:mostly -0.82 after:my -0.11 after:need -0.05 after:needs -0.05
after:no 0.54 after:not 0.35 after:nothing -0.12 after:now -0.11 after:number -0.08
after:numbers -0.08 after:often 0.06 after:oh 1.37 after:okay -0.06 after:on 0.13
after:once 0.15 after:one -0.46 after:only -0.19 after:or -0.06 after:our -0.19 after:out 0.06
after:over -0.09 after:people -0.06 after:per -0.37 after:percent -0.06 after:phone 0.08
after:primary 0.11 after:probably 0.37 after:push -0.35 after:put 0.05 after:reports -0.1
after:request -0.06 after:right 0.13 after:roughly -0.12 after:same 0.22 after:say -0.49
after:second 0.21 after:server -0.06 after:service 0.08 after:set 0.06 after:several -0.06
after:should 0.09 after:single -0.08 after:slow 0.06 after:so 0.11 after:some -0.22
after:someone -0.23 after:something 0.2 after:still 0.11 after:success 0.07 after:support -0.08
after:take 0.13 after:tell 0.14 after:that 0.54 after:the 0.14 after:their 0.26 after:then 1.41
after:there 0.35 after:they 0.07 after:they'd 0.3 after:they're 0.06 after:third 0.1
after:this 0.17 after:those -0.2 after:three 0.43 after:to 0.07 after:today -0.41
after:total -0.08 after:two 0.28 after:until 0.18 after:use 0.18 after:user -0.06
after:walk -0.17 after:was 0.06 after:we -0.25 after:we'd 0.24 after:week 0.09 after:well 0.1
after:what -0.12 after:whatever 0.39 after:when 0.49 after:where -0.33 after:whether 0.12
after:which -0.18 after:whichever 0.34 after:whole 0.06 after:why -0.51 after:with -0.12
after:within 0.08 after:would -0.14 after:yeah 0.36 after:yes 0.17 after:you 0.14
after:your -0.06 after:zero -0.1 before:1 0.06 before:14 0.07 before:3 -0.06 before:30 -0.06
before:4 0.08 before:8 -0.07 before:9 -0.06 before:about -0.22 before:above -0.17
before:account 0.07 before:add 0.08 before:after -0.29 before:again -0.21 before:against 0.27
before:ago -0.15 before:all -0.06 before:an -0.07 before:answer -0.12 before:any -0.06
before:anyone -0.07 before:anything -0.11 before:anyway -0.31 before:api -0.26 before:app -0.13
before:approach 0.1 before:apps 0.06 before:are -0.06 before:around -0.13 before:ask 0.1
before:at 0.08 before:away -0.23 before:back -0.05 before:bad 0.11 before:basically -0.07
before:be 0.14 before:because 0.05 before:before -0.06 before:between 0.08 before:both -0.21
before:build 0.25 before:button -0.13 before:call -0.16 before:can 0.1 before:care 0.23
before:case 0.12 before:cause -0.11 before:change 0.3 before:changes -0.09 before:check -0.07
before:cloud 0.08 before:code 0.07 before:connection 0.05 before:copy -0.07 before:cost 0.06
before:costs 0.2 before:customer -0.06 before:dashboard -0.08 before:data -0.26
before:date 0.16 before:days 0.14 before:decide -0.25 before:design -0.12 before:device 0.12
before:did 0.18 before:different 0.12 before:do 0.2 before:does 0.07 before:done 0.29
before:down -0.31 before:each 0.14 before:either 0.06 before:else 0.15 before:email -0.15
before:engineer -0.18 before:engineers -0.25 before:error 0.07 before:even -0.24
before:event -0.07 before:events 0.18 before:every 0.06 before:everyone -0.19
before:exactly -0.1 before:fails -0.17 before:failure -0.17 before:failures -0.07
before:fast -0.16 before:faster -0.21 before:feel -0.08 before:few 0.05 before:file -0.34
before:fine -0.55 before:first 0.27 before:five 0.11 before:fix -0.06 before:flag 0.31
before:forward 0.27 before:free 0.07 before:from -0.07 before:gap 0.11 before:get 0.08
before:go -0.2 before:good 0.07 before:guess -0.25 before:had -0.06 before:half 0.05
before:happen 0.29 before:happens -0.11 before:here 0.18 before:here's -0.17 before:hour 0.16
before:hours -0.11 before:how 0.07 before:i 0.22 before:i'd 0.32 before:id -0.06 before:if 0.14
before:in -0.11 before:instead 0.13 before:is 0.07 before:isn't -0.14 before:it 0.3
before:it's 0.09 before:itself 0.17 before:job -0.16 before:just 0.09 before:keep 0.06
before:know -0.06 before:latency -0.31 before:later -0.2 before:leave -0.18 before:less -0.22
before:let -0.06 before:like 0.09 before:limit 0.29 before:list -0.2 before:m 0.08
before:make 0.08 before:many 0.11 before:match -0.24 before:matters -0.07 before:maybe 0.08
before:me 0.19 before:means -0.06 before:measure -0.07 before:median 0.12 before:message -0.26
before:metric 0.11 before:milliseconds 0.11 before:minutes 0.1 before:moment 0.2
before:money 0.11 before:month 0.1 before:months 0.12 before:more -0.17 before:mostly -0.1
before:move 0.06 before:much -0.16 before:need 0.17 before:needs -0.07 before:new 0.1
before:next 0.15 before:nightly 0.06 before:no 0.08 before:not 0.36 before:nothing -0.13
before:now -0.12 before:of 0.1 before:off -0.1 before:offline -0.09 before:often -0.25
before:oh 0.16 before:okay 0.08 before:on -0.06 before:once 0.14 before:one 0.17
before:only 0.16 before:open 0.15 before:options 0.33 before:or -0.06 before:order 0.06
before:our -0.12 before:out -0.07 before:over -0.05 before:overall -0.12 before:own 0.06
before:page 0.15 before:paid -0.05 before:part -0.12 before:people 0.09 before:per 0.07
before:percent 0.25 before:person -0.24 before:phone -0.09 before:pick -0.06 before:plan 0.36
before:pm 0.08 before:possible -0.07 before:probably 0.09 before:problem 0.05
before:product -0.21 before:provider 0.12 before:quarter 0.1 before:questions 0.33
before:queue 0.43 before:rate -0.15 before:rather 0.08 before:read -0.07 before:reason 0.09
before:request 0.13 before:requests -0.1 before:response -0.18 before:rest 0.06
before:retry -0.07 before:review 0.06 before:right -0.38 before:risk -0.07 before:roughly 0.16
before:rule 0.27 before:same 0.08 before:say 0.11 before:screen 0.09 before:send -0.12
before:sends 0.06 before:servers 0.18 before:service 0.05 before:session -0.09 before:set -0.07
before:share 0.09 before:show 0.13 before:shows -0.08 before:side 0.09 before:size -0.14
before:so 0.15 before:some -0.22 before:something -0.06 before:split 0.1 before:start 0.33
before:state -0.06 before:store -0.19 before:success 0.27 before:support -0.05
before:suppose -0.22 before:sure 0.14 before:system 0.15 before:target 0.07 before:ten 0.07
before:test 0.27 before:than 0.11 before:that 0.14 before:that's 0.3 before:the 0.19
before:them -0.08 before:then 0.17 before:there -0.24 before:thing -0.18 before:things 0.19
before:think 0.22 before:this 0.34 before:those -0.17 before:though 0.26 before:three 0.12
before:threshold 0.08 before:through -0.13 before:ticket 0.21 before:tickets 0.12
before:to -0.12 before:today 0.14 before:together -0.17 before:total -0.1 before:track 0.1
before:traffic -0.1 before:twice -0.23 before:two 0.1 before:under -0.05 before:update -0.13
before:us 0.17 before:use -0.18 before:usually 0.05 before:value -0.11 before:volume 0.16
before:wait -0.19 before:want 0.14 before:was -0.06 before:way -0.11 before:we -0.06
before:week 0.08 before:weeks 0.1 before:well -0.13 before:when 0.27 before:where -0.13
before:while -0.07 before:window 0.21 before:wins 0.19 before:with -0.16 before:worked 0.26
before:write 0.11 before:yes -0.14 before:you -0.2 before:you'd -0.09 before:your 0.06
before:zero -0.14 line 0.65 mid_sentence 0.38 opens_question -0.39 question 0.31
question_mark 0.91 sentence 0.72 word 0.57
"""
