import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { isValidKsefNumber } from '../ids/ksef-number';
import { type KsefEnvironment } from '../qr/qr-environment';
import { QR_CAPTION_CERTIFICATE, qrCodeICaption, renderQrPng, renderQrSvg } from '../qr/qr-image';
import { buildQrCodeILink, buildQrCodeIILink, type QrContextType } from '../qr/qr-links';
import { Fa3ParseError } from '../xml/fa3-parse.error';
import { parseInvoice } from '../xml/invoice-parser';
import { readInput, writeOutput } from './cli-files';
import { CliUsageError, EXIT_INVALID, EXIT_OK } from './cli-output';
import { type CommandContext, environmentOption } from './cli-context';

interface QrOptions {
  nip?: string;
  env: KsefEnvironment;
  qrHost?: string;
  ksefNumber?: string;
  image?: string;
  key?: string;
  certSerial?: string;
  contextType: QrContextType;
  contextValue?: string;
  image2?: string;
}

interface QrCode {
  link: string;
  caption: string;
}

export function registerQr(program: Command, context: CommandContext): void {
  program
    .command('qr')
    .description('linki (i obrazy PNG/SVG) kodów QR faktury: KOD I, a z kluczem certyfikatu Offline także KOD II')
    .argument('<file.xml>', 'plik faktury (skrót liczony z dokładnie tych bajtów)')
    .option('--nip <nip>', 'NIP sprzedawcy w linku (domyślnie z Podmiot1)')
    .addOption(environmentOption())
    .option('--qr-host <url>', 'inny host weryfikacji (np. symulator)')
    .option('--ksef-number <number>', 'numer KSeF: podpis pod KODEM I (bez niego: OFFLINE)')
    .option('--image <file>', 'zapisz KOD I jako .png albo .svg')
    .option('--key <key.pem>', 'klucz prywatny certyfikatu KSeF typu Offline (RSA albo EC P-256) dla KODU II')
    .option('--cert-serial <hex>', 'numer seryjny certyfikatu Offline')
    .addOption(
      new Option('--context-type <type>', 'typ kontekstu KODU II')
        .choices(['Nip', 'InternalId', 'NipVatUe', 'PeppolId'])
        .default('Nip'),
    )
    .option('--context-value <value>', 'identyfikator kontekstu (domyślnie NIP sprzedawcy)')
    .option('--image2 <file>', 'zapisz KOD II jako .png albo .svg')
    .action((file: string, options: QrOptions) => {
      const output = context.output();
      const bytes = readInput(file);
      let sellerNip = options.nip;
      let issueDate: string;
      try {
        const invoice = parseInvoice(bytes);
        sellerNip ??= invoice.Podmiot1.DaneIdentyfikacyjne.NIP;
        issueDate = invoice.Fa.P_1;
      } catch (error) {
        if (!(error instanceof Fa3ParseError)) throw error;
        output.failure(`Nie można odczytać faktury ${file}.`, [
          { code: error.code, message: error.message, path: error.path },
        ]);
        context.exitCode = EXIT_INVALID;
        return;
      }
      if (options.ksefNumber && !isValidKsefNumber(options.ksefNumber)) {
        throw new CliUsageError(`Numer KSeF ${options.ksefNumber} jest niepoprawny.`, 'KSEF_NUMBER_INVALID');
      }
      const target = { environment: options.env, ...(options.qrHost ? { qrHost: options.qrHost } : {}) };
      const codeI: QrCode = {
        link: buildQrCodeILink({ ...target, sellerNip, issueDate, invoiceXml: bytes }),
        caption: qrCodeICaption(options.ksefNumber),
      };
      let codeII: QrCode | null = null;
      if (options.key) {
        if (!options.certSerial) throw new CliUsageError('KOD II wymaga --cert-serial (numer certyfikatu Offline).');
        const { link } = buildQrCodeIILink({
          ...target,
          contextType: options.contextType,
          contextValue: options.contextValue ?? sellerNip,
          sellerNip,
          certificateSerial: options.certSerial,
          invoiceXml: bytes,
          privateKey: readInput(options.key).toString('utf8'),
        });
        codeII = { link, caption: QR_CAPTION_CERTIFICATE };
      }
      if (options.image) writeImage(options.image, codeI);
      if (options.image2 && codeII) writeImage(options.image2, codeII);
      const text = [
        `KOD I (${codeI.caption}): ${codeI.link}`,
        ...(codeII ? [`KOD II (${codeII.caption}): ${codeII.link}`] : []),
      ];
      output.result({ ok: true, codeI, codeII }, text.join('\n'));
      context.exitCode = EXIT_OK;
    });
}

function writeImage(path: string, code: QrCode): void {
  const extension = extname(path).toLowerCase();
  if (extension === '.svg') writeOutput(path, renderQrSvg(code.link, { caption: code.caption }));
  else if (extension === '.png') writeOutput(path, renderQrPng(code.link, { caption: code.caption }));
  else throw new CliUsageError(`Obraz kodu QR musi mieć rozszerzenie .png albo .svg: ${path}`);
}
