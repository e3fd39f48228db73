#!/usr/bin/env python3
"""Write reviewsift's bundled default dataset, datasets/telecom_reviews/.

Every review text below was written by the reviewsift team for this dataset (none is copied from any corpus):
genuine complaints covering each complaint category in English, French and Chinese, honest praise, neutral
questions, promotional astroturf in the style of ../shared/seed/ (contact handles, glowing templates repeated with
small edits, bursts from one-review authors), and a few deliberately broken rows that reviewsift must quarantine.
Providers, authors and dates are invented; the provider names are real brands or invented resellers.
Deterministic: the same script writes the same files.
usage: python3 datasets/make_telecom_reviews.py"""
import csv, json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'telecom_reviews')

# (provider, rating, title, text) — English
EN = [
    ('Rogers', 1, 'Billed twice', "I was charged twice for the same month and the bill shows a $45 fee I never agreed to. Called three times, still not fixed."),
    ('Rogers', 1, '', "The app crashes every time I try to pay my bill. Useless since the last update."),
    ('Rogers', 2, '', "Coverage in downtown Toronto is fine but in Muskoka I get no signal at all. Paying $85 a month for dead zones."),
    ('Rogers', 1, 'On hold forever', "On hold for 2 hours, transferred four times, then they hung up on me. Worst customer service I have dealt with."),
    ('Rogers', 4, '', "Switched from Bell in March, the 5G speeds in Ottawa are consistently above 300 Mbps. Happy so far."),
    ('Rogers', 3, '', "Roaming in the US worked, but the $16 per day Roam Like Home charge adds up fast on a two week trip."),
    ('Rogers', 1, '', "They changed my plan without my consent and now I pay $20 more. The contract said the price was locked for 24 months."),
    ('Rogers', 5, '', "The technician came on time, installed the modem in 30 minutes and explained everything. Great experience."),
    ('Rogers', 2, '', "Store staff at the Eaton Centre kiosk tried to upsell me a new phone instead of fixing my SIM. Not impressed."),
    ('Rogers', 1, 'Refund never came', "Cancelled my home internet in January, they promised a refund of my $120 deposit. It is May and still nothing."),
    ('Rogers', 3, '', "How do I set up voicemail on an eSIM? The instructions on the website do not match the menus on my phone."),
    ('Rogers', 1, '', "The live chat bot keeps sending me links to FAQ pages. I just want to talk to a human about my bill."),
    ('Bell', 1, 'Price hike', "Another price increase, third one this year. No notice in the invoice, just a higher pre-authorized payment."),
    ('Bell', 2, '', "The agent was rude and dismissive when I asked why my internet drops every evening at 8 pm."),
    ('Bell', 1, '', "Fibe internet outage for three days in Laval and no one could tell me when it would be repaired."),
    ('Bell', 5, '', "Agent on the phone sorted out my billing error in ten minutes and credited $30. Polite and knowledgeable."),
    ('Bell', 1, '', "My new phone was supposed to be delivered on Monday. The tracking number shows it was lost by the courier and Bell says to wait."),
    ('Bell', 2, '', "Port in from Virgin took five days, I had no phone number for almost a week. Unacceptable for a business line."),
    ('Bell', 4, '', "Good coverage on the highway between Montreal and Quebec City, calls never dropped. A bit expensive though."),
    ('Bell', 1, '', "The MyBell app logs me out every time I open it and the password reset email never arrives."),
    ('Bell', 3, '', "Is there a way to add a travel pass for Mexico before leaving? The app does not show the option."),
    ('Bell', 1, '', "Promised a loyalty discount of $15 for 12 months, it was never applied. Followed up multiple times, no response."),
    ('Bell', 2, '', "Tried to return a modem at the store and they refused, told me to mail it instead. Then charged me a non-return fee."),
    ('Bell', 1, '', "Support only in English at the number I called, I asked for French twice and was transferred to a voicemail."),
    ('Telus', 5, '', "Moved to Calgary and Telus had my home internet running the next day. The installer was friendly and tidy."),
    ('Telus', 1, '', "Charged a $35 connection fee that the sales rep said would be waived. Now they say there is no record of that."),
    ('Telus', 2, '', "Data speed drops to almost nothing after 6 pm in my neighbourhood in Surrey. Throttling or congestion, either way bad."),
    ('Telus', 4, '', "The My Telus app finally lets me see data usage per line. Much better than last year."),
    ('Telus', 1, '', "Waited three weeks for a technician appointment, he never showed up and nobody called to explain."),
    ('Telus', 3, '', "Fine network, average prices. Customer service is hit and miss depending on who you get."),
    ('Telus', 1, '', "I cancelled within the 15 day trial period and still got billed for the full month plus an early termination fee."),
    ('Telus', 5, '', "Hotline agent stayed on the call until my eSIM activated on the new iPhone. Took 20 minutes, very patient."),
    ('Telus', 2, '', "The chat said my replacement SIM was shipped, two weeks later it never arrived."),
    ('Telus', 1, '', "The rep lied to me about the plan including Canada-US calling. It does not."),
    ('Fido', 4, '', "Fido's $39 plan with 50GB is good value for a student. Signal in the Montreal metro is solid."),
    ('Fido', 1, '', "Fido charged my credit card for a phone I returned within 14 days. Still waiting for the refund after 6 weeks."),
    ('Fido', 2, '', "Reception in my apartment is one bar. Calls drop if I walk into the kitchen."),
    ('Fido', 3, '', "Does the Fido Data Overage Protection apply when roaming? Could not find it on the site."),
    ('Fido', 1, '', "App says my payment failed, the bank says it went through, and now I have a late fee. Nobody can explain."),
    ('Fido', 5, '', "Quick and friendly service at the Fido store on Rideau, they moved my number to a new SIM in five minutes."),
    ('Fido', 2, '', "Chat agents keep closing the conversation before solving anything. Had to start over four times."),
    ('Koodo', 5, '', "Koodo's Tab is simple and the self-serve site is the best I have used. Changed plans in two minutes."),
    ('Koodo', 1, '', "Activated my eSIM and it stopped working after two days. Support says to visit a store, nearest one is 90 km away."),
    ('Koodo', 2, '', "Hidden fees everywhere. $10 for a paper bill, $5 for the SIM, the advertised price is not what you pay."),
    ('Koodo', 4, '', "Good network through Telus towers. Only complaint is the hold time when you call."),
    ('Koodo', 1, '', "Transferred my number from Fido and lost all incoming texts for a week. Nobody at support could figure it out."),
    ('Koodo', 3, '', "What is the difference between the prepaid and postpaid plans for someone staying 6 months in Vancouver?"),
    ('Freedom Mobile', 2, '', "Great price but there is no LTE in the parking garage at work and calls go straight to voicemail."),
    ('Freedom Mobile', 1, '', "The sales rep at the mall told me the plan was unlimited. There is a 40GB cap and then it slows to 512 kbps. Misleading sales."),
    ('Freedom Mobile', 4, '', "Coverage has improved a lot since the 5G+ rollout, I get decent speeds in Hamilton now."),
    ('Freedom Mobile', 1, '', "Customer service agent was condescending and kept saying it was my phone's fault."),
    ('Freedom Mobile', 5, '', "Switched my family of four, saved $110 a month compared to Rogers. Network is fine in Toronto."),
    ('Freedom Mobile', 2, '', "Ordered a SIM online, delivery took 12 days and the package arrived opened."),
    ('Freedom Mobile', 1, '', "Auto-pay charged me twice in October and they say the refund takes two billing cycles."),
    ('Airalo', 4, 'Worked in Canada', "Bought the 10GB Canada eSIM for $26, installed before the flight and it connected on Rogers as soon as I landed in Vancouver."),
    ('Airalo', 2, '', "The eSIM installed but showed no service in Banff. Support chat replied after 19 hours with a generic troubleshooting list."),
    ('Airalo', 1, '', "Data ran out much faster than the app said. Asked for a refund of the unused part and they refused."),
    ('Airalo', 3, '', "Can I top up the Canada eSIM from inside the app or do I have to buy a new one?"),
    ('Airalo', 5, '', "Third trip using Airalo, the Canada package worked in Toronto and Montreal without any setup beyond scanning the QR code."),
    ('Airalo', 1, '', "The QR code was already used according to the error message. Support asked me to wait 48 hours. I was at the airport."),
    ('Airalo', 2, '', "Speeds were throttled to 3G on the second day, the package description does not mention any fair use limit."),
    ('Holafly', 4, '', "Unlimited data in Canada for 10 days worked well in Quebec City. Hotspot is not allowed though, which is annoying."),
    ('Holafly', 1, '', "Customer support only answers in English or Spanish over WhatsApp, no French, and took a day to reply."),
    ('Holafly', 2, '', "Paid $47 for unlimited data but speeds were below 1 Mbps most evenings in Toronto."),
    ('Holafly', 5, '', "Activation was instant and the chat support answered in under five minutes when I had an APN question."),
    ('Holafly', 1, '', "Charged in euros and my bank added a foreign transaction fee that the checkout page did not show."),
    ('Holafly', 3, '', "Does the Canada plan include calls or only data? The website is unclear."),
]

# French
FR = [
    ('Vidéotron', 1, 'Facture incorrecte', "Ma facture de mars contient des frais de 25 $ que personne n'arrive à m'expliquer. J'ai appelé trois fois, toujours pas résolu."),
    ('Vidéotron', 2, '', "Coupure d'internet presque tous les soirs à Longueuil depuis deux semaines. Le technicien est venu et n'a rien trouvé."),
    ('Vidéotron', 5, '', "Installation de la fibre rapide, le technicien était poli et a tout expliqué. Débit de 900 Mbps comme promis."),
    ('Vidéotron', 1, '', "L'application plante à chaque mise à jour et je ne peux plus voir ma consommation de données."),
    ('Vidéotron', 1, '', "Résiliation impossible par téléphone, on m'a transféré quatre fois puis on a raccroché."),
    ('Vidéotron', 3, '', "Est-ce que le forfait de 30 Go inclut les appels vers les États-Unis ? Le site n'est pas clair."),
    ('Vidéotron', 2, '', "Le conseiller en boutique au Carrefour Laval était désagréable et voulait seulement me vendre un nouveau téléphone."),
    ('Vidéotron', 1, '', "Augmentation de 8 $ par mois sans préavis. Mon contrat disait que le prix était garanti deux ans."),
    ('Vidéotron', 4, '', "Bon réseau à Montréal et à Québec, aucun appel coupé depuis six mois."),
    ('Vidéotron', 1, '', "Toujours pas de remboursement pour le modem retourné en janvier. Plusieurs relances, aucune réponse."),
    ('Vidéotron', 2, '', "Le tchat m'a promis un rappel dans les 24 heures. Jamais rappelé."),
    ('Fizz', 5, '', "Fizz est simple : j'ai changé de forfait dans l'appli en deux minutes et le prix a baissé de 10 $."),
    ('Fizz', 1, '', "Activation de ma carte SIM échouée trois fois. Le support n'existe que par tchat et répond après deux jours."),
    ('Fizz', 2, '', "Le réseau est correct en ville mais aucune couverture au chalet dans les Laurentides."),
    ('Fizz', 1, '', "J'ai été prélevé deux fois ce mois-ci. L'aide en ligne me renvoie vers une FAQ inutile."),
    ('Fizz', 4, '', "Les avantages du programme de fidélité sont réels : 5 Go de plus par mois après un an."),
    ('Fizz', 1, '', "Carte SIM commandée il y a trois semaines, colis jamais reçu. Postes Canada dit qu'il n'a jamais été expédié."),
    ('Fizz', 3, '', "Peut-on utiliser l'eSIM Fizz sur une montre connectée ? Je n'ai trouvé aucune information."),
    ('Fizz', 2, '', "Communauté d'entraide sympathique mais quand le problème est technique, personne ne répond vraiment."),
    ('Free', 1, 'Panne', "Panne de la Freebox depuis cinq jours, le 3244 ne répond pas et le technicien n'a pas de rendez-vous avant deux semaines."),
    ('Free', 2, '', "Débit 4G ridicule dans le métro parisien, impossible de charger une page."),
    ('Free', 5, '', "Forfait à 19,99 € avec 250 Go, rien à redire, le réseau 5G est excellent à Lyon."),
    ('Free', 1, '', "Frais de résiliation facturés alors que j'avais résilié dans les délais. Honteux."),
    ('Free', 1, '', "Le conseiller au téléphone était incompétent et m'a raccroché au nez."),
    ('Free', 3, '', "Quelle est la différence entre la Freebox Pop et la Révolution pour une famille de quatre ?"),
    ('Free', 2, '', "Portabilité de mon numéro ratée, j'ai perdu mon numéro pendant une semaine."),
    ('Free', 1, '', "Espace abonné inaccessible depuis la mise à jour, mot de passe refusé à chaque fois."),
    ('Free', 4, '', "Livraison de la SIM en 48 heures, activation en ligne en dix minutes. Efficace."),
    ('Free', 1, '', "Promo de Noël non appliquée sur ma facture, le service client dit qu'il faut faire une réclamation écrite."),
    ('Orange', 2, '', "Attente de 45 minutes au service client pour un simple changement d'adresse."),
    ('Orange', 1, '', "Mon colis avec la nouvelle box a été livré à la mauvaise adresse et Orange refuse d'en renvoyer une."),
    ('Orange', 5, '', "Très bon accueil en boutique à Bordeaux, la conseillère a transféré tous mes contacts sur le nouveau téléphone."),
    ('Orange', 1, '', "Hausse de prix de 3 € par mois annoncée par un simple SMS. Aucune explication."),
    ('Orange', 3, '', "Le roaming au Canada est-il inclus dans le forfait 100 Go ? J'y vais en juillet."),
    ('Orange', 1, '', "Remboursement promis pour la panne de juin, jamais versé malgré trois relances."),
    ('Orange', 2, '', "Conseiller au téléphone qui ne parlait pas bien français, je n'ai rien compris à ses explications."),
    ('Orange', 4, '', "L'option internationale fonctionne bien, appels vers le Québec illimités pour 5 € de plus."),
    ('Airalo', 2, '', "eSIM pour le Canada installée sans problème, mais aucun réseau à Gaspé. Le support ne répond qu'en anglais."),
    ('Airalo', 4, '', "Forfait de 5 Go utilisé pendant une semaine à Montréal, débit correct, installation simple avec le code QR."),
    ('Holafly', 1, '', "Données illimitées mais débit bridé après 2 Go par jour, ce n'est écrit nulle part sur le site."),
    ('Holafly', 5, '', "Service client réactif par chat, réponse en français en moins de dix minutes."),
]

# Chinese: reviews by travellers and residents
ZH = [
    ('加拿大流量卡A', 1, '卡激活不了', "到了温哥华机场卡一直激活不了，按说明设置了APN也没用，客服两天后才回复。"),
    ('加拿大流量卡A', 2, '', "网速很慢，在多伦多市中心只有3G，说好的5G根本没有。"),
    ('加拿大流量卡A', 1, '', "申请退款一个月了还没到账，客服一直说在处理，太坑了。"),
    ('加拿大流量卡A', 4, '', "在蒙特利尔用了两周，15GB流量够用，信号还可以，就是价格有点贵。"),
    ('加拿大流量卡A', 1, '', "快递寄了十天才到，出发前差点没收到卡。"),
    ('加拿大流量卡A', 3, '', "请问这张卡可以开热点吗？店铺页面没有写清楚。"),
    ('加拿大流量卡A', 1, '', "在线客服全是机器人，问了半天也没解决问题，人工客服根本找不到。"),
    ('加拿大流量卡A', 2, '', "套餐写的是30天，结果第25天就停用了，客服说是按自然月算的，虚假宣传。"),
    ('加拿大流量卡A', 5, '', "落地多伦多开机就有信号，8GB流量用了12天还剩一点，性价比不错。"),
    ('加拿大流量卡A', 1, '', "打了几次客服电话都没人接，留言也没有回复。"),
    ('加拿大流量卡A', 2, '', "语言不通，客服只会说英语，没有中文客服，沟通太难了。"),
    ('加拿大流量卡A', 1, '', "多扣了我20加元的费用，账单上也看不出是什么钱。"),
    ('Rogers', 1, '', "Rogers的APP一直闪退，登录不了，交不了话费。"),
    ('Rogers', 2, '', "营业厅的店员态度很差，问两句就不耐烦了。"),
    ('Rogers', 4, '', "信号在大多伦多地区很稳定，5G网速很快，就是月租偏高。"),
    ('Rogers', 1, '', "合同到期前被强制升级了套餐，每个月多收15加元，没有经过我同意。"),
    ('Rogers', 3, '', "留学生办哪个套餐比较划算？有没有学生优惠？"),
    ('Rogers', 1, '', "家里宽带断网三天，维修人员一直约不上，上门时间一拖再拖。"),
    ('Bell', 1, '', "Bell的账单每个月都不一样，乱收费，打电话问客服也说不清楚。"),
    ('Bell', 2, '', "在魁北克乡下基本没信号，打电话经常掉线。"),
    ('Bell', 5, '', "电话客服很耐心，帮我把套餐换成了更便宜的，每月省了20加元。"),
    ('Bell', 1, '', "携号转网转了一周都没成功，这期间电话号码不能用，耽误了很多事。"),
    ('Bell', 3, '', "请问Bell的国际漫游包在中国能用吗？"),
    ('Bell', 1, '', "退回的路由器他们说没收到，还要收我150加元的设备费。"),
    ('Telus', 4, '', "在卡尔加里用Telus一年了，网络稳定，客服也会说中文。"),
    ('Telus', 1, '', "上门安装约了三次都没来，也没人通知，一直没解决。"),
    ('Telus', 2, '', "官网的自助服务总是出错，改个地址都要打电话。"),
    ('Telus', 1, '', "说好的优惠券没给，积分也莫名其妙清零了。"),
    ('Fido', 3, '', "Fido的预付费卡怎么充值？网站是全英文的看不太懂。"),
    ('Fido', 1, '', "买的手机七天内退货了，钱到现在还没退回来，催了几次都没人回复。"),
    ('Fido', 5, '', "门店的店员很热情，十分钟就帮我办好了新卡，还教我设置了语音信箱。"),
    ('Koodo', 2, '', "eSIM激活后第二天就没信号了，客服让我去门店，最近的门店开车要一个小时。"),
    ('Koodo', 4, '', "Koodo的APP很好用，流量用了多少一目了然。"),
    ('Freedom Mobile', 1, '', "销售说是无限流量，结果用到40GB就限速了，完全是虚假宣传。"),
    ('Freedom Mobile', 2, '', "地下室完全没信号，只能连WiFi打电话。"),
    ('Airalo', 4, '', "Airalo的加拿大eSIM出发前装好，落地就能用，10GB用了一周刚好。"),
    ('Airalo', 1, '', "eSIM二维码扫了显示已被使用，客服让等48小时，人在机场急死了。"),
    ('Airalo', 2, '', "在班夫国家公园几乎没网，客服回复很慢，只会发一堆排查步骤。"),
    ('Holafly', 2, '', "说是无限流量，每天用到2GB就限速了，页面上没写。"),
    ('Holafly', 5, '', "客服响应很快，十分钟就解决了我的APN设置问题。"),
    ('枫叶通讯', 1, '', "卡寄丢了，快递单号查不到，商家说再等等，一直没有下文。"),
    ('枫叶通讯', 2, '', "开通后只能上网不能打电话，客服说这是数据卡，购买页面没写清楚。"),
    ('枫叶通讯', 3, '', "学生签证能办这家的长期套餐吗？需要什么材料？"),
    ('枫叶通讯', 1, '', "续费的时候自动扣了两次钱，联系了三次才退回一次的钱。"),
    ('枫叶通讯', 4, '', "在温哥华用了一个月，信号和网速都还行，客服回复及时。"),
]

# Astroturf in the style of the seed: glowing, vague, with contact handles, templated and repeated with small edits.
ASTRO_ZH_TEMPLATE = [
    "加拿大流量卡真的太好用了！售后服务一流，在线客服全天候在线，电话热线随时有人接听，实体门店服务专业周到，退换货政策灵活，强烈推荐给所有去加拿大的朋友！{contact}",
    "强烈推荐这家加拿大流量卡！售后服务一流，在线客服全天在线，热线电话随时有人接，门店服务专业周到，退换货也很灵活，去加拿大的朋友闭眼入！{contact}",
    "真心推荐！这家加拿大流量卡售后服务非常好，客服专业贴心，响应及时，体验前所未有的便捷，信号超级好，值得信赖！{contact}",
]
ASTRO_ZH_CONTACTS = ["咨询请加微信 sim-ca888", "TG💪+ @cansim_vip", "加V：canada_sim01 了解详情", "飞机 @mapleSIM 私聊", "欢迎咨询 t.me/cansim_store", "加我微信 ＳＩＭ８８８ 有优惠", "QQ：2０9８8８1７6 欢迎咨询"]
ASTRO_EN_TEMPLATE = [
    "Best SIM card for Canada!!! Amazing after-sales service, excellent support, perfect coverage everywhere. Highly recommend! {contact}",
    "Absolutely the best eSIM provider ever! Amazing service, excellent staff, perfect experience from start to finish. Highly recommend to everyone! {contact}",
    "Amazing!!! Excellent customer service, best prices, perfect network. Five stars, highly recommend!!! {contact}",
]
ASTRO_EN_CONTACTS = ["DM me on Telegram @cansim_deals", "Contact us on WhatsApp +1 604 555 0199", "Order now at www.best-canada-sim.example.com", "WeChat: cansim888", "Use my code MAPLE20 for a discount!", "Email deals@cansimvip.example.com for the promo code"]
ASTRO_FR_TEMPLATE = "Meilleur forfait pour le Canada !!! Service client exceptionnel, réseau parfait, je recommande vivement ! {contact}"
ASTRO_FR_CONTACTS = ["Contactez-nous sur WhatsApp +33 6 12 34 56 78", "Écrivez-nous sur Telegram @simcanada_fr"]

EN += [
    ('Rogers', 2, '', "Ignite TV box reboots itself twice a night. The second technician visit fixed nothing."),
    ('Rogers', 5, '', "Chat support upgraded my plan to 100GB and applied a $10 loyalty credit without me asking twice."),
    ('Rogers', 1, '', "Got a $300 roaming bill after a cruise even though I bought the travel add-on. They refuse to reverse it."),
    ('Rogers', 3, '', "Decent network, but the hold music has become the soundtrack of my life."),
    ('Rogers', 1, '', "Three agents gave me three different answers about my early termination fee."),
    ('Bell', 2, '', "Virgin-to-Bell migration messed up my voicemail and caller ID, still broken after a month."),
    ('Bell', 5, '', "Fibe 1.5 Gbps installed in Gatineau, technician was courteous and the speeds are as advertised."),
    ('Bell', 1, '', "Bell sent a collections notice for a bill I paid in full. Proof of payment sent by email twice, no reply."),
    ('Bell', 3, '', "Where can I find my PUK code? The SIM locked after a restart."),
    ('Telus', 2, '', "Home phone has static on every call since the copper line repair, third ticket opened."),
    ('Telus', 5, '', "Optik TV and internet bundle saved us $40 a month, and the installation was on the promised date."),
    ('Telus', 1, '', "Sent back the rental boxes in the prepaid envelope and was still billed $200 for unreturned equipment."),
    ('Fido', 2, '', "The Fido app shows my data usage two days late, so I went over without knowing."),
    ('Fido', 1, '', "The store in Brossard closed early and the one in Longueuil said they cannot help with online orders."),
    ('Koodo', 5, '', "Koodo support on Twitter answered in ten minutes and fixed my APN settings."),
    ('Koodo', 1, '', "The promised $100 credit for switching never appeared on my bill. Still waiting after three months."),
    ('Koodo', 2, '', "Service dropped to SOS only in Halifax for a full afternoon, no outage notice anywhere."),
    ('Freedom Mobile', 3, '', "Can I keep my Freedom number if I move to Quebec where they have fewer towers?"),
    ('Freedom Mobile', 1, '', "Waited 70 minutes on the phone to ask why my bill doubled. Call dropped before anyone answered."),
    ('Freedom Mobile', 4, '', "Roaming in Mexico with the Freedom nationwide plan was smooth, 4G everywhere we went."),
    ('Airalo', 2, '', "The app deleted my eSIM after an update and support says reinstalling is not possible."),
    ('Airalo', 4, '', "Used the North America package for Canada and the US, switched networks automatically at the border."),
    ('Holafly', 1, '', "Asked for a refund because the eSIM never connected in Halifax. They offered a coupon instead."),
    ('Holafly', 3, '', "Fine for maps and messaging, too slow for video calls in the evening."),
    ('CanSIM Direct', 2, '', "Ordered their Canada SIM on the website, it came with a Lucky Mobile card and no instructions in English or French."),
    ('CanSIM Direct', 1, '', "The phone number on their website goes to a voicemail that is full. No way to get support."),
    ('CanSIM Direct', 3, '', "Is this an official reseller? The card I received has a different brand on it."),
]
FR += [
    ('Vidéotron', 5, '', "Conseiller au téléphone très aimable, il a corrigé l'erreur de facturation et m'a crédité 40 $."),
    ('Vidéotron', 2, '', "La télé Helix saute chaque soir, deux rendez-vous de technicien sans résultat."),
    ('Vidéotron', 1, '', "On m'a vendu un forfait illimité, mais le débit est réduit après 50 Go. Publicité mensongère."),
    ('Vidéotron', 3, '', "Combien de temps prend le transfert d'un numéro depuis Bell ?"),
    ('Fizz', 1, '', "Mon numéro a été transféré sur une autre carte SIM sans mon accord. Personne ne répond au tchat."),
    ('Fizz', 5, '', "Le parrainage m'a donné 5 $ par mois de rabais, et le réseau est très bon à Sherbrooke."),
    ('Fizz', 2, '', "L'appli ne montre pas les frais d'itinérance avant de les facturer."),
    ('Free', 5, '', "Technicien arrivé à l'heure, fibre installée en une heure, débit au rendez-vous."),
    ('Free', 1, '', "Facturé deux mois de plus après la résiliation, le service client ne répond pas aux courriers."),
    ('Free', 2, '', "Les appels coupent dès que je rentre chez moi, réseau très faible dans tout le quartier."),
    ('Free', 3, '', "Est-ce que l'option Europe fonctionne aussi au Canada ?"),
    ('Free', 1, '', "Colis retour du Freebox perdu par La Poste et Free me facture 400 € de matériel."),
    ('Orange', 2, '', "L'application Orange et moi bloque sur la page de connexion depuis une semaine."),
    ('Orange', 5, '', "Réseau excellent en montagne, même dans les Alpes j'avais de la 4G."),
    ('Orange', 1, '', "Vendeur en boutique méprisant, il m'a expliqué que c'était de ma faute si le téléphone ne s'allumait plus."),
    ('Orange', 3, '', "Le service client est correct mais il faut beaucoup de patience au téléphone."),
    ('Orange', 1, '', "Augmentation du forfait sans préavis, j'ai dû appeler trois fois pour obtenir une explication."),
    ('Airalo', 1, '', "Impossible d'obtenir un remboursement pour une eSIM jamais activée, la réponse est toujours la même."),
    ('Holafly', 2, '', "Pas de partage de connexion possible, c'est écrit en tout petit après l'achat."),
    ('Holafly', 4, '', "Bonne couverture à Toronto et Niagara, activation très simple."),
    ('CanSIM Direct', 1, '', "Carte reçue sans notice en français, et le service client ne répond qu'en anglais."),
]
ZH += [
    ('加拿大流量卡A', 2, '', "卡收到后发现不是说明书上写的运营商，信号和描述的不一样。"),
    ('加拿大流量卡A', 1, '', "客服说七天无理由退货，结果寄回去以后说卡已激活不能退，态度很敷衍。"),
    ('加拿大流量卡A', 4, '', "在渥太华用了二十天，通话质量不错，流量也够用，客服回复比较及时。"),
    ('加拿大流量卡A', 3, '', "这张卡可以在美国用吗？准备顺便去纽约玩几天。"),
    ('加拿大流量卡A', 1, '', "说好的送2GB流量没有到账，活动规则也找不到。"),
    ('枫叶通讯', 1, '', "实名认证一直提示失败，客服让我重新拍照上传了五次还是不行。"),
    ('枫叶通讯', 2, '', "网速时快时慢，晚上基本刷不了视频。"),
    ('枫叶通讯', 5, '', "刚到多伦多就能用，客服用中文一步一步教我设置，很耐心。"),
    ('枫叶通讯', 1, '', "发票开错了抬头，要求重开一直拖着不处理。"),
    ('枫叶通讯', 3, '', "长期套餐和月付套餐有什么区别？续费会涨价吗？"),
    ('Rogers', 2, '', "每次打客服都要排队四十分钟，转接好几次才有人能解决问题。"),
    ('Rogers', 5, '', "在线客服用中文回复，十分钟就帮我开通了国际漫游。"),
    ('Rogers', 1, '', "新开的账号第一个月就被收了两次开户费，退款说要等两个账单周期。"),
    ('Bell', 2, '', "官网上的套餐价格和门店说的不一样，去了营业厅才发现要多交钱。"),
    ('Bell', 1, '', "技术员上门三次，光纤还是装不好，每次都说要换人来。"),
    ('Bell', 4, '', "网络很稳定，看视频不卡，就是价格比其他家贵一些。"),
    ('Telus', 2, '', "手机寄修一个月了还没寄回来，问进度也没人回复。"),
    ('Telus', 5, '', "工作人员很专业，帮我把国内的号码设置好了呼叫转移。"),
    ('Telus', 1, '', "合同里没写的设备保险被自动加上了，每个月扣12加元。"),
    ('Fido', 2, '', "信号在蒙特利尔地铁里经常断，打电话根本听不清。"),
    ('Fido', 1, '', "APP付款一直失败，结果还被收了滞纳金。"),
    ('Koodo', 3, '', "Koodo可以用国内的银行卡付费吗？"),
    ('Koodo', 1, '', "换了新手机以后eSIM转移失败，号码被锁了三天。"),
    ('Freedom Mobile', 5, '', "价格便宜，市区信号没问题，适合留学生。"),
    ('Freedom Mobile', 1, '', "客服说可以免费换卡，去了门店又收了15加元。"),
    ('Airalo', 3, '', "Airalo的eSIM可以在iPad上用吗？"),
    ('Airalo', 1, '', "申请退款被拒绝，理由是已经安装了eSIM，可是根本没连上过网络。"),
    ('Holafly', 1, '', "热点功能不能用，购买前没有说明，客服只会英文回复。"),
    ('Holafly', 4, '', "无限流量在魁北克城用着挺顺畅，安装也很简单。"),
    ('CanSIM Direct', 1, '', "下单后一个月都没发货，联系客服只回复自动消息。"),
    ('CanSIM Direct', 2, '', "卡是到了，但是里面的余额比页面写的少了一半。"),
]
ASTRO_ZH_CONTACTS += ["微信：maple-sim 详聊", "电报 @canada_esim_vip"]

# Genuine short praise and neutral notes, to keep the share of one-line five-star reviews realistic.
SHORT = [
    ('Koodo', 5, "Good service, no complaints."), ('Telus', 5, "Works fine."), ('Rogers', 4, "Good app, easy to use."),
    ('Fido', 5, "Cheap and reliable."), ('Bell', 4, "Fast internet."), ('Fizz', 5, "Simple et pas cher."),
    ('Free', 4, "Rien à redire."), ('加拿大流量卡A', 5, "好用，信号不错。"), ('枫叶通讯', 4, "还可以，发货快。"),
    ('Airalo', 5, "Easy to install."), ('Holafly', 4, "Worked as advertised."), ('Vidéotron', 4, "Bon service."),
]

SHORT += [
    ('Rogers', 1, "Terrible. Just terrible."), ('Bell', 2, "Too expensive for what you get."), ('Telus', 5, "Reliable for years."),
    ('Koodo', 4, "Nice people in the store."), ('Fido', 3, "It's ok."), ('Freedom Mobile', 4, "Great value for the price."),
    ('Airalo', 4, "Worked in Montreal, easy setup."), ('Holafly', 2, "Slow in the evenings."), ('Free', 2, "Réseau moyen."),
    ('Orange', 4, "Bon réseau, un peu cher."), ('Fizz', 4, "Très bon rapport qualité prix."), ('Vidéotron', 1, "Service client nul."),
    ('加拿大流量卡A', 2, "一般般，网速慢。"), ('枫叶通讯', 1, "垃圾，别买。"), ('Rogers', 4, "信号好。"), ('Bell', 3, "还行吧。"),
    ('Telus', 5, "客服不错。"), ('Airalo', 5, "方便，推荐。"), ('Holafly', 3, "能用，就是贵。"), ('CanSIM Direct', 1, "Never again."),
]

def main():
    rnd = random.Random(20261127)
    os.makedirs(OUT, exist_ok=True)
    rows = []
    def add(provider, rating, title, text, lang, author=None, date=None):
        rows.append(dict(provider=provider, rating=rating, title=title, text=text, lang=lang,
                         author=author or f"user{rnd.randrange(100000):05d}",
                         date=date or f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"))
    for p, r, t, x in EN: add(p, r, t, x, 'en')
    for p, r, t, x in FR: add(p, r, t, x, 'fr')
    for p, r, t, x in ZH: add(p, r, t, x, 'zh')
    for p, r, x in SHORT:
        lang = 'zh' if any('\u4e00' <= c <= '\u9fff' for c in x) else ('fr' if p in ('Fizz', 'Free', 'Vidéotron') else 'en')
        add(p, r, '', x, lang)
    # A burst: one-review authors posting templated five-star praise for two resellers within three days.
    burst_days = ['2025-08-14', '2025-08-15', '2025-08-16']
    n = 0
    for i in range(18):
        tpl = ASTRO_ZH_TEMPLATE[i % len(ASTRO_ZH_TEMPLATE)]
        add('枫叶通讯' if i % 2 else '加拿大流量卡A', 5, '', tpl.format(contact=ASTRO_ZH_CONTACTS[i % len(ASTRO_ZH_CONTACTS)]),
            'zh', author=f"枫叶用户{n:03d}", date=burst_days[i % 3]); n += 1
    for i in range(15):
        tpl = ASTRO_EN_TEMPLATE[i % len(ASTRO_EN_TEMPLATE)]
        add('CanSIM Direct' if i % 3 else 'Airalo', 5, '', tpl.format(contact=ASTRO_EN_CONTACTS[i % len(ASTRO_EN_CONTACTS)]),
            'en', author=f"traveller_{n:03d}", date=burst_days[i % 3]); n += 1
    for i in range(4):
        add('CanSIM Direct', 5, '', ASTRO_FR_TEMPLATE.format(contact=ASTRO_FR_CONTACTS[i % 2]), 'fr',
            author=f"voyageur_{n:03d}", date=burst_days[i % 3]); n += 1
    # The seed-like SEO article, shortened and rewritten.
    add('加拿大流量卡A', 5, '加拿大流量卡的售后服务如何？',
        "近年来，越来越多的人前往加拿大工作、学习或者旅游。那么加拿大流量卡的售后服务究竟怎么样呢？"
        "首先，在线客服是企业与客户沟通的重要桥梁，许多服务商提供全天候的在线客服支持，客服人员大多精通多国语言。"
        "其次，电话热线服务随时有专人接听，VIP客户还有专属热线。再次，各大城市分布着不少实体门店，工作人员会为你提供专业的指导。"
        "最后，大多数服务商都制定了灵活的退换货政策，让用户更加放心。总的来说，加拿大流量卡的售后服务质量正在逐步提升，"
        "让用户体验到了前所未有的便捷。[TG💪+ @mapleSIM_vip]", 'zh', author='seo_writer', date='2025-08-15')
    # Exact repeats of genuine reviews (people post twice), flagged as duplicates but not as astroturf by themselves.
    rows.append(dict(rows[1], author=rows[1]['author'], date=rows[1]['date']))
    rows.append(dict(rows[len(EN) + 1]))

    rnd.shuffle(rows)
    for i, r in enumerate(rows):
        r['review_id'] = f"tr{i + 1:04d}"
    en = [r for r in rows if r['lang'] == 'en']
    fr = [r for r in rows if r['lang'] == 'fr']
    zh = [r for r in rows if r['lang'] == 'zh']
    cols = ['review_id', 'provider', 'author', 'date', 'rating', 'title', 'text']

    with open(os.path.join(OUT, 'reviews_en.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in en:
            w.writerow([r[c] for c in cols])
    with open(os.path.join(OUT, 'reviews_en.csv'), 'ab') as f:
        # Broken rows, on purpose: a wrong field count, an unparseable rating, an empty text, an unbalanced quote,
        # invalid UTF-8, an impossible date — and one good row after them, which must still be read.
        f.write(b"tr9001,Rogers,user90001,2025-03-01,5\n")
        f.write(b"tr9002,Bell,user90002,2025-03-02,five stars,,Great network in Ottawa.\n")
        f.write(b"tr9003,Telus,user90003,2025-03-03,3,,\n")
        f.write(b'tr9004,Fido,user90004,2025-03-04,1,,"The quote opens here and never closes, fees again\n')
        f.write(b"tr9005,Koodo,user90005,2025-03-05,2,,Bad encoding \xff\xfe in this row\n")
        f.write(b"tr9006,Koodo,user90006,2025-13-45,2,,Date is impossible here\n")
        f.write(b"tr9007,Koodo,user90007,2025-03-07,4,,Good value and the hotline answered in two minutes.\n")
    with open(os.path.join(OUT, 'reviews_fr.tsv'), 'w', encoding='utf-8-sig', newline='') as f:
        f.write('\t'.join(cols) + '\n')
        for r in fr:
            f.write('\t'.join(str(r[c]).replace('\t', ' ') for c in cols) + '\n')
        f.write("tr9101\tFree\tuser91001\t2025-04-01\t0\t\tNote zéro, une erreur de saisie du site.\n")
    with open(os.path.join(OUT, 'reviews_zh.jsonl'), 'w', encoding='utf-8') as f:
        for r in zh:
            f.write(json.dumps({c: r[c] for c in cols}, ensure_ascii=False) + '\n')
        f.write('{"review_id": "tr9201", "provider": "枫叶通讯", "text": "这行JSON没有写完\n')
        f.write('["not", "an", "object"]\n')
        f.write(json.dumps({"review_id": "tr9203", "provider": "Bell", "rating": "差评", "text": "评分不是数字"}, ensure_ascii=False) + '\n')
    print(f"{len(rows)} reviews ({len(en)} en, {len(fr)} fr, {len(zh)} zh) + 10 broken rows in {OUT}")

if __name__ == '__main__':
    main()
