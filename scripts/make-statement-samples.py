#!/usr/bin/env python3
"""Writes the statement samples (order registers, receipts, client lists, reconciliation acts)
into SampleData/, deterministically: a small linear congruential generator, not `random`, so
every Python gives the same files. Run from the repository root: scripts/make-statement-samples.py
"""
import json
from decimal import Decimal
from pathlib import Path

OUT = Path("SampleData")


class Rng:
    """Numerical Recipes LCG: the same numbers on every machine and Python version."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (1664525 * self.state + 1013904223) % 2**32
        # The low bits of an LCG cycle quickly; the high ones do not.
        return self.state >> 12

    def pick(self, items):
        return items[self.next() % len(items)]

    def between(self, low, high):
        return low + self.next() % (high - low + 1)


ISSUER_RU = {
    "kind": "company", "country": "KG", "name": "ОсОО «Ала-Тоо Логистик»", "shortName": "Ала-Тоо Логистик",
    "inn": "02411201910234", "okpo": "31245678", "vatPayer": True,
    "address": "720040, Кыргызская Республика, г. Бишкек, ул. Киевская, д. 95, офис 412",
    "phone": "+996 312 66-14-20", "email": "buh@alatoo-logistic.kg",
    "director": {"fullName": "Асанов Нурлан Бакытбекович", "position": "Директор", "basis": "Устава"},
    "accountant": {"fullName": "Осмонова Айгуль Маратовна", "position": "Главный бухгалтер"}, "usesSeal": True,
}
RECIPIENT_RU = {
    "kind": "company", "country": "KG", "name": "ОсОО «Нарын Агро Экспорт»", "inn": "01506201710058",
    "okpo": "29871234", "address": "722900, Кыргызская Республика, г. Нарын, ул. Ленина, д. 12",
    "phone": "+996 3522 5-07-11",
    "director": {"fullName": "Токтогулов Эрмек Сапарович", "position": "Генеральный директор", "basis": "Устава"},
}
ISSUER_KY = dict(ISSUER_RU, name="«Ала-Тоо Логистик» ЖЧК",
                 address="720040, Кыргыз Республикасы, Бишкек ш., Киев к., 95-үй, 412-кеңсе",
                 accountant={"fullName": "Осмонова Айгуль Маратовна", "position": "Башкы бухгалтер"})
RECIPIENT_KY = dict(RECIPIENT_RU, name="«Нарын Агро Экспорт» ЖЧК",
                    address="722900, Кыргыз Республикасы, Нарын ш., Ленин к., 12-үй",
                    director={"fullName": "Токтогулов Эрмек Сапарович", "position": "Башкы директор"})
ISSUER_EN = dict(ISSUER_RU, name="Ala-Too Logistic LLC", shortName="Ala-Too Logistic",
                 address="95 Kievskaya St., office 412, Bishkek 720040, Kyrgyz Republic",
                 director={"fullName": "Asanov Nurlan Bakytbekovich", "position": "Director"},
                 accountant={"fullName": "Osmonova Aigul Maratovna", "position": "Chief accountant"})
RECIPIENT_EN = {
    "kind": "company", "country": "KZ", "name": "Steppe Grain Trading LLP", "inn": "180940012345",
    "address": "12 Dostyk Ave., Almaty 050010, Republic of Kazakhstan", "phone": "+7 727 311 22 33",
    "director": {"fullName": "Seitkali Arman", "position": "Managing director"},
}

PLACES = {
    "ru": ["Бишкек, ул. Ахунбаева, 12", "Бишкек, пр. Жибек Жолу, 497", "Кант, ул. Заводская, 3", "Токмок, ул. Ленина, 44",
           "Ош, ул. Курманжан Датка, 210", "Нарын, ул. Ленина, 12", "Каракол, ул. Гагарина, 8",
           "Алматы, ул. Бекмаханова, 93", "Талас, ул. Сарыгулова, 31", "Балыкчы, ул. Фрунзе, 2"],
    "ky": ["Бишкек ш., Ахунбаев к., 12", "Бишкек ш., Жибек Жолу пр., 497", "Кант ш., Заводская к., 3",
           "Ош ш., Курманжан Датка к., 210", "Нарын ш., Ленин к., 12", "Каракол ш., Гагарин к., 8"],
    "en": ["Bishkek, 12 Akhunbaev St.", "Bishkek, 497 Zhibek Zholu Ave.", "Almaty, 93 Bekmakhanov St.",
           "Osh, 210 Kurmanzhan Datka St.", "Kashgar, 88 Renmin West Rd.", "Tashkent, 7 Amir Temur Ave."],
}
CARGO = {
    "ru": ["Стройматериалы, 20 т", "Мука пшеничная, 18 т", "Бытовая техника, 86 мест", "Минеральная вода, 33 паллеты",
           "Картофель, 22 т", "Кирпич облицовочный, 19 т", "Текстиль, 140 мест", "Удобрения, 20 т", "Мебель, 12 м³",
           "Сухофрукты, 10 т"],
    "ky": ["Курулуш материалдары, 20 т", "Буудай уну, 18 т", "Тиричилик техникасы, 86 орун", "Картошка, 22 т",
           "Текстиль, 140 орун", "Жер семирткич, 20 т"],
    "en": ["Building materials, 20 t", "Wheat flour, 18 t", "Home appliances, 86 pcs", "Potatoes, 22 t",
           "Textiles, 140 pcs", "Dried fruit, 10 t"],
}
EXECUTORS = {
    "ru": [("ИП Сыдыков Б. А.", "Volvo FH 01KG123ABC"), ("ОсОО «Кен-Транс»", "DAF XF 01KG725ABT"),
           ("ИП Жумабаев Т. К.", "MAN TGX 02KG448BCA"), ("ОсОО «Ысык-Көл Авто»", "Scania R450 07KG310AAC"),
           ("ИП Омуров А. С.", "Shacman X3000 01KG904BBK")],
    "ky": [("ЖИ Сыдыков Б. А.", "Volvo FH 01KG123ABC"), ("«Кен-Транс» ЖЧК", "DAF XF 01KG725ABT"),
           ("ЖИ Жумабаев Т. К.", "MAN TGX 02KG448BCA")],
    "en": [("Sydykov B. A., sole proprietor", "Volvo FH 01KG123ABC"), ("Ken-Trans LLC", "DAF XF 01KG725ABT"),
           ("Silk Road Haulage LLP", "MAN TGX 777ABC02")],
}
TARIFFS = {
    "ru": ["Город, до 20 т", "Межгород, тент 20 т", "Рефрижератор", "Международный, тент 82 м³"],
    "ky": ["Шаар ичи, 20 т чейин", "Шаар аралык, тент 20 т", "Рефрижератор"],
    "en": ["City, up to 20 t", "Intercity, curtain 20 t", "Reefer", "International, curtain 82 m³"],
}
# Prices per currency: (lowest, highest) in whole units.
PRICES = {"KGS": (8000, 185000), "USD": (450, 4200), "KZT": (90000, 1600000), "CNY": (3000, 28000)}


def money(value):
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def orders(lang, count, currencies, seed, start_day=1):
    rng = Rng(seed)
    result = []
    for index in range(count):
        day = start_day + index * 90 // count
        month, mday = (10 + (day - 1) // 31, (day - 1) % 31 + 1) if day <= 61 else (12, day - 61)
        month, mday = min(month, 12), min(mday, 30)
        hour, minute = rng.between(7, 19), rng.pick([0, 10, 15, 20, 30, 40, 45, 50])
        # Almaty stops have been UTC+5 since March 2024; the rest of the samples are in Bishkek.
        offset = "+05:00" if index % 9 == 4 else "+06:00"
        currency = currencies[index % len(currencies)] if index % 5 else currencies[0]
        low, high = PRICES[currency]
        amount = Decimal(rng.between(low, high)) + Decimal(rng.pick([0, 0, 50, 25])) / 100
        executor, vehicle = rng.pick(EXECUTORS[lang])
        distance = rng.between(12, 1400)
        origin = rng.pick(PLACES[lang])
        destination = rng.pick([place for place in PLACES[lang] if place != origin])
        order = {
            "id": f"ORD-26{month:02d}{mday:02d}-{1000 + index * 37 % 9000:04d}",
            "date": f"2026-{month:02d}-{mday:02d}T{hour:02d}:{minute:02d}:00{offset}",
            "from": origin,
            "to": destination,
            "cargo": rng.pick(CARGO[lang]),
            "executor": executor,
            "vehicle": vehicle,
            "distanceKm": str(distance),
            # About 60 km/h on the road, plus loading and checkpoints.
            "durationMinutes": distance + rng.between(20, 180),
            "tariff": rng.pick(TARIFFS[lang]),
            "amount": money(amount),
            "currency": currency,
            "status": "completed",
            "paid": rng.next() % 4 != 0,
        }
        if index % 3 == 0:
            order["trackingUrl"] = f"https://status.alatoo-logistic.kg/t/{order['id']}"
        if index % 7 == 3:
            del order["tariff"]
        result.append(order)
    # Not in date order on purpose: the documents sort.
    result.reverse()
    return result


def mark_special(rows, lang):
    """A cancelled order with no executor, a failed one, and cargo names a spreadsheet would
    take for a formula (=, +, -, @)."""
    cancelled, failed = rows[5], rows[17]
    cancelled["status"], cancelled["paid"] = "cancelled", False
    cancelled["amount"] = "0.00"
    for key in ("executor", "vehicle", "durationMinutes"):
        cancelled.pop(key, None)
    failed["status"], failed["paid"] = "failed", False
    names = {
        "ru": ["=2+3 паллеты плитки (как записал клиент)", "-18 °C рыба мороженая", "+ запчасти по списку", "@Металлопрокат"],
        "ky": ["=2+3 паллет плитка", "-18 °C тоңдурулган балык", "+ запчасттар тизме боюнча", "@Металл прокат"],
        "en": ["=2+3 pallets of tiles (as the client typed it)", "-18 °C frozen fish", "+ spare parts per list", "@Rolled steel"],
    }[lang]
    for row, name in zip([rows[2], rows[9], rows[23 % len(rows)], rows[30 % len(rows)]], names):
        row["cargo"] = name


def register(lang, number, count, currencies, seed, issuer, recipient):
    rows = orders(lang, count, currencies, seed)
    mark_special(rows, lang)
    return {
        "locale": lang,
        "document": {"number": number, "date": "2026-12-31", "place": {"ru": "г. Бишкек", "ky": "Бишкек ш.", "en": "Bishkek"}[lang]},
        "issuer": issuer, "recipient": recipient,
        "period": {"from": "2026-10-01", "to": "2026-12-31"},
        "orders": rows,
    }


def clients(lang, count, seed):
    rng = Rng(seed)
    names = {
        "ru": ["ОсОО «Нарын Агро Экспорт»", "ИП Касымова Г. Т.", "ОсОО «Бишкек Строй Трейд»", "Алиев Тимур Русланович",
               "ОсОО «Ош Фрукт»", "ОсОО «Кант Цемент Сервис»", "ИП Бекова А. Ж.", "ОсОО «Иссык-Куль Отель Групп»",
               "ТОО «Алматы Дистрибьюшн»", "ОсОО «Токмок Молоко»", "Сапарова Жылдыз Маратовна", "ОсОО «Талас Агро»",
               "ОсОО «Дордой Логистик Хаб»", "ИП Ким В. П.", "ОсОО «Азия Мебель»", "ООО «Сибирь Трейд»"],
        "ky": ["«Нарын Агро Экспорт» ЖЧК", "ЖИ Касымова Г. Т.", "«Бишкек Курулуш Соода» ЖЧК", "Алиев Тимур Русланович",
               "«Ош Жемиш» ЖЧК", "ЖИ Бекова А. Ж.", "«Ысык-Көл Мейманкана» ЖЧК", "«Талас Агро» ЖЧК"],
        "en": ["Naryn Agro Export LLC", "Kasymova G. T., sole proprietor", "Bishkek Build Trade LLC", "Aliev Timur",
               "Osh Fruit LLC", "Almaty Distribution LLP", "Issyk-Kul Hotel Group LLC", "Kashgar Silk Road Trading Co., Ltd."],
    }[lang]
    contacts = {"ru": ["Токтогулов Эрмек", "Касымова Гульнара", "Иванов Сергей", "Алиев Тимур", "Юсупов Бахтияр",
                       "Орозова Айпери", "Ким Виктор"],
                "ky": ["Токтогулов Эрмек", "Касымова Гулнара", "Алиев Тимур", "Орозова Айпери"],
                "en": ["Ermek Toktogulov", "Gulnara Kasymova", "Timur Aliev", "Li Wei"]}[lang]
    cities = {"ru": ["Бишкек", "Ош", "Нарын", "Каракол", "Алматы"], "ky": ["Бишкек", "Ош", "Нарын", "Каракол"],
              "en": ["Bishkek", "Osh", "Almaty", "Kashgar"]}[lang]
    result = []
    for index, name in enumerate(names[:count]):
        completed, failed = rng.between(0, 60), rng.between(0, 6)
        client = {
            "name": name,
            "contactPerson": rng.pick(contacts),
            "phone": f"+996 {rng.pick(['555', '700', '772', '312'])} {rng.between(100, 999)} {rng.between(100, 999)}",
            "email": f"client{index + 1}@example.kg",
            "city": rng.pick(cities),
            "registeredOn": f"20{rng.between(22, 26)}-{rng.between(1, 12):02d}-{rng.between(1, 28):02d}",
            "completedOrders": completed,
            "failedOrders": failed,
        }
        if index % 4 != 3:
            client["inn"] = f"0{rng.between(1000000, 9999999)}{rng.between(100000, 999999)}"
        if completed:
            client["lastOrderOn"] = f"2026-12-{rng.between(1, 30):02d}"
            client["turnover"] = [{"currency": "KGS", "amount": money(Decimal(rng.between(10000, 2500000)) + Decimal(rng.between(0, 99)) / 100)}]
            if index % 3 == 0:
                client["turnover"].append({"currency": "USD", "amount": money(Decimal(rng.between(300, 45000)))})
            if index % 5 == 2:
                client["turnover"].append({"currency": "KZT", "amount": money(Decimal(rng.between(100000, 9000000)))})
        if index == 3:
            client.pop("email")
        result.append(client)
    return result


def client_list(lang, number, count, seed, issuer):
    return {
        "locale": lang,
        "document": {"number": number, "date": "2026-12-31", "place": {"ru": "г. Бишкек", "ky": "Бишкек ш.", "en": "Bishkek"}[lang]},
        "issuer": issuer,
        "clients": clients(lang, count, seed),
    }


def settlement(currency, opening, invoices, payments, number_prefix):
    entries = []
    for date, number, amount in invoices:
        entries.append({"date": date, "type": "invoice", "number": f"{number_prefix}-2026-{number:06d}", "amount": money(amount)})
    for date, number, amount in payments:
        entries.append({"date": date, "type": "payment", "number": str(number), "amount": money(amount)})
    # Interleaved, not in date order: the act sorts.
    entries.sort(key=lambda e: (e["number"][::-1]))
    return {"currency": currency, "openingBalance": money(opening), "entries": entries}


def reconciliation(lang, number, issuer, recipient, settlements, contract=None):
    data = {
        "locale": lang,
        "document": {"number": number, "date": "2026-12-31", "place": {"ru": "г. Бишкек", "ky": "Бишкек ш.", "en": "Bishkek"}[lang]},
        "issuer": issuer, "recipient": recipient,
        "period": {"from": "2026-10-01", "to": "2026-12-31"},
        "settlements": settlements,
    }
    if contract:
        data["contract"] = contract
    return data


def write(name, data):
    (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(OUT / f"{name}.json")


def main():
    write("order-register-ru", register("ru", "АТЛ-РЗ-2026-000014", 73, ["KGS", "USD", "KZT"], 20261231, ISSUER_RU, RECIPIENT_RU))
    write("order-register-ky", register("ky", "АТЛ-РЗ-2026-000015", 24, ["KGS", "USD"], 7, ISSUER_KY, RECIPIENT_KY))
    write("order-register-en", register("en", "ATL-RG-2026-000016", 24, ["USD", "KZT", "CNY"], 11, ISSUER_EN, RECIPIENT_EN))
    for lang, issuer, recipient, number in [("ru", ISSUER_RU, RECIPIENT_RU, "АТЛ-КВ-2026-000031"),
                                            ("ky", ISSUER_KY, RECIPIENT_KY, "АТЛ-КВ-2026-000032"),
                                            ("en", ISSUER_EN, RECIPIENT_EN, "ATL-RC-2026-000033")]:
        data = register(lang, number, 24, ["KGS", "USD"] if lang != "en" else ["USD", "KZT"], 3, issuer, recipient)
        data["orders"] = data["orders"][:7]
        data["orders"][3]["paid"] = False  # a completed order not yet paid
        data["period"] = {"from": "2026-12-01", "to": "2026-12-31"}
        write(f"order-receipts-{lang}", data)
    write("client-list-ru", client_list("ru", "АТЛ-КЛ-2026-000002", 16, 5, ISSUER_RU))
    write("client-list-ky", client_list("ky", "АТЛ-КЛ-2026-000003", 8, 6, ISSUER_KY))
    write("client-list-en", client_list("en", "ATL-CL-2026-000004", 8, 8, ISSUER_EN))
    contract_ru = {"number": "12/ТЭУ", "date": "2026-03-01"}
    # KGS: the client owes (positive closing), USD: settled exactly (zero), KZT: prepaid (negative).
    kgs = settlement("KGS", Decimal("45000.00"),
                     [("2026-10-05", 120, Decimal("185000.00")), ("2026-11-02", 131, Decimal("92350.50")),
                      ("2026-12-10", 148, Decimal("64000.00"))],
                     [("2026-10-12", 3012, Decimal("230000.00")), ("2026-11-20", 3187, Decimal("50000.00"))], "АТЛ-СЧ")
    usd = settlement("USD", Decimal("-1200.00"),
                     [("2026-10-20", 124, Decimal("3084.00")), ("2026-12-01", 144, Decimal("1250.00"))],
                     [("2026-10-28", 3105, Decimal("1884.00")), ("2026-12-15", 3322, Decimal("1250.00"))], "АТЛ-СЧ")
    kzt_invoices = [("2026-11-14", 139, Decimal("479250.00"))]
    kzt_payments = [("2026-11-01", 3150, Decimal("600000.00")), ("2026-12-20", 3390, Decimal("150000.00"))]
    kzt = settlement("KZT", Decimal("0.00"), kzt_invoices, kzt_payments, "АТЛ-СЧ")
    write("reconciliation-ru", reconciliation("ru", "АТЛ-АС-2026-000009", ISSUER_RU, RECIPIENT_RU, [kgs, usd, kzt], contract_ru))
    write("reconciliation-ky", reconciliation("ky", "АТЛ-АС-2026-000010", ISSUER_KY, RECIPIENT_KY, [kgs, usd], contract_ru))
    usd_en = settlement("USD", Decimal("500.00"),
                        [("2026-10-20", 124, Decimal("3084.00")), ("2026-12-01", 144, Decimal("1250.00"))],
                        [("2026-10-28", 3105, Decimal("2000.00")), ("2026-12-15", 3322, Decimal("2834.00"))], "ATL-INV")
    kzt_en = settlement("KZT", Decimal("0.00"), kzt_invoices, kzt_payments, "ATL-INV")
    write("reconciliation-en", reconciliation("en", "ATL-RS-2026-000011", ISSUER_EN, RECIPIENT_EN, [usd_en, kzt_en]))


if __name__ == "__main__":
    main()
