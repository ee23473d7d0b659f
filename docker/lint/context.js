'use strict';
// What `docker build` and `docker compose` would find missing, checked without a Docker engine (docker/check runs it
// after `mvn package`):
//  - every COPY and ADD source of each Dockerfile exists in the build context and is not excluded by its
//    .dockerignore, nor is any file inside a copied folder (the image would lack it without a word);
//  - every service of the compose file builds from a Dockerfile that exists, and every bind mount and env file it
//    names exists (an env file that git ignores needs its committed NAME.example instead).
//
//   node docker/lint/context.js --context DIR [--compose FILE] [--stage DIR] DOCKERFILE...
//
// --stage DIR (one Dockerfile): also lays out in DIR what the image's COPY instructions put into its file system,
// and writes DIR.image, for bash to source: workdir, entrypoint (an array, CMD appended) and image_env (an array
// of NAME=value from ENV). docker/check starts that entrypoint on this host, to see the copied layout boot.
//
// Prints one line a Dockerfile or compose file, and exits 1 after printing every problem found.
// It reads what these Dockerfiles use; what it cannot resolve offline (a variable, a wildcard, a heredoc, a
// remote ADD) is reported as a problem rather than skipped, so that nothing passes unchecked.

const fs = require('fs');
const path = require('path');
const ignore = require('@balena/dockerignore');
const YAML = require('yaml');

const problems = [];
const problem = (where, text) => problems.push(`${where}: ${text}`);

/** Instructions of a Dockerfile: [{line, keyword, rest}], continuation lines joined, comments dropped. */
function instructions(text) {
    const result = [];
    let current = null;
    text.split('\n').forEach((raw, index) => {
        const line = raw.replace(/\r$/, '');
        if (current === null) {
            if (/^\s*(#|$)/.test(line)) {
                return;
            }
            current = { line: index + 1, text: '' };
        } else if (/^\s*#/.test(line)) {
            return; // a comment inside a continued instruction
        }
        if (/\\\s*$/.test(line)) {
            current.text += line.replace(/\\\s*$/, ' ');
            return;
        }
        current.text += line;
        const match = /^\s*(\S+)\s*(.*)$/.exec(current.text);
        result.push({ line: current.line, keyword: match[1].toUpperCase(), rest: match[2].trim() });
        current = null;
    });
    return result;
}

/** The flags and arguments of COPY or ADD, in shell or JSON form. */
function copyArguments(rest) {
    const flags = [];
    let remainder = rest;
    let match;
    while ((match = /^(--\S+)\s*(.*)$/.exec(remainder)) !== null) {
        flags.push(match[1]);
        remainder = match[2];
    }
    if (remainder.startsWith('[')) {
        return { flags, args: JSON.parse(remainder) };
    }
    return { flags, args: remainder.split(/\s+/).filter((word) => word !== '') };
}

/** Every file (not folder) under dir, as paths relative to root with forward slashes. */
function filesUnder(root, dir) {
    const found = [];
    const walk = (relative) => {
        for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
            const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
            if (entry.isDirectory()) {
                walk(child);
            } else {
                found.push(child);
            }
        }
    };
    walk(dir);
    return found;
}

function checkDockerfile(context, dockerfile) {
    const where = path.relative(process.cwd(), dockerfile) || dockerfile;
    // BuildKit reads DOCKERFILE.dockerignore when there is one, and the context's .dockerignore otherwise
    const ignoreFile = fs.existsSync(`${dockerfile}.dockerignore`) ? `${dockerfile}.dockerignore`
        : path.join(context, '.dockerignore');
    const rules = ignore();
    if (fs.existsSync(ignoreFile)) {
        rules.add(fs.readFileSync(ignoreFile, 'utf8').split('\n'));
    }
    let sources = 0;
    let files = 0;
    let bytes = 0;
    // what the last stage of the image holds and runs, for --stage
    const image = { workdir: '/', env: [], entrypoint: null, cmd: null, copies: [] };
    for (const { line, keyword, rest } of instructions(fs.readFileSync(dockerfile, 'utf8'))) {
        const at = `${where}:${line}`;
        if (keyword === 'FROM') {
            Object.assign(image, { workdir: '/', env: [], entrypoint: null, cmd: null, copies: [] });
        } else if (keyword === 'WORKDIR') {
            image.workdir = path.posix.resolve(image.workdir, rest);
        } else if (keyword === 'ENV') {
            image.env.push(...environment(rest));
        } else if (keyword === 'ENTRYPOINT' || keyword === 'CMD') {
            let command;
            try {
                command = JSON.parse(rest);
            } catch (e) {
                command = ['/bin/sh', '-c', rest]; // shell form
            }
            image[keyword === 'CMD' ? 'cmd' : 'entrypoint'] = command;
        }
        if (keyword !== 'COPY' && keyword !== 'ADD') {
            continue;
        }
        let parsed;
        try {
            parsed = copyArguments(rest);
        } catch (e) {
            problem(at, `${keyword} arguments are not valid JSON: ${e.message}`);
            continue;
        }
        if (parsed.flags.some((flag) => flag.startsWith('--from'))) {
            image.copies.push({ at, from: true });
            continue; // from another stage or image, not from the context
        }
        if (parsed.args.length < 2) {
            problem(at, `${keyword} needs a source and a destination`);
            continue;
        }
        const destination = path.posix.resolve(image.workdir, parsed.args[parsed.args.length - 1]);
        const intoFolder = parsed.args.length > 2 || /\/$/.test(parsed.args[parsed.args.length - 1]);
        for (const source of parsed.args.slice(0, -1)) {
            if (/^<</.test(source)) {
                problem(at, `${keyword} ${source}: a heredoc, which this check does not read`);
                continue;
            }
            if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(source)) {
                problem(at, `${keyword} ${source}: a remote source, which an offline check cannot see`);
                continue;
            }
            if (/[$*?[]/.test(source)) {
                problem(at, `${keyword} ${source}: a variable or wildcard, which this check does not expand; name the path`);
                continue;
            }
            const relative = path.posix.normalize(source).replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
            if (relative === '..' || relative.startsWith('../')) {
                problem(at, `${keyword} ${source}: outside the build context`);
                continue;
            }
            sources += 1;
            const absolute = path.join(context, relative);
            if (!fs.existsSync(absolute)) {
                problem(at, `${keyword} ${source}: no such file or folder in the build context ${context}` +
                    (relative.startsWith('target/') ? ' (run mvn -B package -DskipTests first)' : ''));
                continue;
            }
            if (!fs.statSync(absolute).isDirectory()) {
                if (rules.ignores(relative)) {
                    problem(at, `${keyword} ${source}: excluded by ${path.relative(process.cwd(), ignoreFile)}`);
                    continue;
                }
                files += 1;
                bytes += fs.statSync(absolute).size;
                image.copies.push({ at, files: [relative],
                    target: intoFolder ? path.posix.join(destination, path.posix.basename(relative)) : destination });
                continue;
            }
            const inside = filesUnder(context, relative === '.' ? '' : relative);
            const excluded = inside.filter((file) => rules.ignores(file));
            if (inside.length === 0) {
                problem(at, `${keyword} ${source}: an empty folder`);
            } else if (excluded.length === inside.length) {
                problem(at, `${keyword} ${source}: excluded by ${path.relative(process.cwd(), ignoreFile)}`);
            } else if (excluded.length > 0) {
                problem(at, `${keyword} ${source}: ${excluded.length} of its ${inside.length} files are excluded by ` +
                    `${path.relative(process.cwd(), ignoreFile)}, e.g. ${excluded.slice(0, 3).join(', ')}`);
            }
            const kept = inside.filter((file) => !rules.ignores(file));
            for (const file of kept) {
                files += 1;
                bytes += fs.statSync(path.join(context, file)).size;
            }
            // a folder's contents go into the destination folder
            image.copies.push({ at, files: kept, folder: relative === '.' ? '' : relative, target: destination });
        }
    }
    if (sources === 0) {
        problem(where, 'no COPY or ADD from the build context: nothing to check (a wrong file?)');
    }
    console.log(`context: ${where}: ${sources} sources, ${files} files, ${(bytes / 1048576).toFixed(0)} MiB copied`);
    return image;
}

/** NAME=value pairs of an ENV instruction (or its old form "ENV NAME value"), quotes removed. */
function environment(rest) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
        const match = /^(\S+)\s+(.*)$/.exec(rest);
        return match ? [`${match[1]}=${match[2]}`] : [];
    }
    const pairs = [];
    const pattern = /([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|'([^']*)'|\S*)/g;
    let match;
    while ((match = pattern.exec(rest)) !== null) {
        const value = match[3] !== undefined ? match[3] : match[4] !== undefined ? match[4] : match[2];
        pairs.push(`${match[1]}=${value}`);
    }
    return pairs;
}

/** Lays out what the image's COPY instructions hold under dir, and writes dir.image for bash. */
function stage(context, image, dir, where) {
    if (image.copies.some((copy) => copy.from)) {
        problem(where, '--stage: a COPY --from another stage or image, which this check cannot lay out');
        return;
    }
    if (image.entrypoint === null && image.cmd === null) {
        problem(where, '--stage: no ENTRYPOINT or CMD to start');
        return;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    for (const copy of image.copies) {
        for (const file of copy.files) {
            const inner = copy.folder === undefined ? '' : path.posix.relative(copy.folder, file);
            const target = path.join(dir, copy.folder === undefined ? copy.target : path.posix.join(copy.target, inner));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.copyFileSync(path.join(context, file), target);
            fs.chmodSync(target, fs.statSync(path.join(context, file)).mode & 0o7777);
        }
    }
    fs.mkdirSync(path.join(dir, image.workdir), { recursive: true });
    const quote = (text) => `'${String(text).replace(/'/g, "'\\''")}'`;
    // as Docker: ENTRYPOINT, then CMD as its arguments (none after a shell-form ENTRYPOINT); CMD alone otherwise
    let command = image.cmd;
    if (image.entrypoint !== null) {
        command = image.entrypoint[0] === '/bin/sh' || image.cmd === null ? image.entrypoint
            : [...image.entrypoint, ...image.cmd];
    }
    fs.writeFileSync(`${dir}.image`, [
        `workdir=${quote(image.workdir)}`,
        `entrypoint=(${command.map(quote).join(' ')})`,
        `image_env=(${image.env.map(quote).join(' ')})`,
        ''].join('\n'));
    console.log(`context: ${where}: laid out in ${dir}, to start ${command.join(' ')}`);
}

function checkCompose(composeFile, dockerfiles) {
    const where = path.relative(process.cwd(), composeFile) || composeFile;
    const base = path.dirname(composeFile);
    let document;
    try {
        document = YAML.parse(fs.readFileSync(composeFile, 'utf8'));
    } catch (e) {
        problem(where, `not YAML: ${e.message.split('\n')[0]}`);
        return;
    }
    const checked = new Set(dockerfiles.map((file) => path.resolve(file)));
    let names = 0;
    for (const [name, service] of Object.entries((document && document.services) || {})) {
        const at = `${where}: service ${name}`;
        if (service.build) {
            const build = typeof service.build === 'string' ? { context: service.build } : service.build;
            const context = path.resolve(base, build.context || '.');
            const dockerfile = path.resolve(context, build.dockerfile || 'Dockerfile');
            names += 1;
            if (!fs.existsSync(dockerfile)) {
                problem(at, `builds from ${path.relative(process.cwd(), dockerfile)}, which does not exist`);
            } else if (!checked.has(dockerfile)) {
                problem(at, `builds from ${path.relative(process.cwd(), dockerfile)}, which docker/check does not check`);
            }
        }
        for (const volume of service.volumes || []) {
            const mount = typeof volume === 'string' ? parseShortVolume(volume) : volume;
            if (mount.type === 'bind') {
                names += 1;
                if (!fs.existsSync(path.resolve(base, mount.source))) {
                    problem(at, `bind-mounts ${mount.source}, which does not exist`);
                }
            }
        }
        const envFiles = service.env_file === undefined ? [] : [].concat(service.env_file);
        for (const entry of envFiles) {
            const file = path.resolve(base, typeof entry === 'string' ? entry : entry.path);
            names += 1;
            if (!fs.existsSync(file) && !fs.existsSync(`${file}.example`)) {
                problem(at, `reads ${path.relative(process.cwd(), file)}, and neither it nor ` +
                    `${path.relative(process.cwd(), file)}.example exists`);
            }
        }
    }
    console.log(`context: ${where}: ${names} Dockerfiles, bind mounts and env files found`);
}

/** "SOURCE:TARGET[:MODE]": a bind mount when SOURCE is a path, a named volume otherwise. */
function parseShortVolume(text) {
    const [source, target] = text.split(':');
    return /^[./~]/.test(source) ? { type: 'bind', source, target } : { type: 'volume', source, target };
}

function main(argv) {
    let context = null;
    let compose = null;
    let stageDir = null;
    const dockerfiles = [];
    for (let i = 0; i < argv.length; i += 1) {
        if (argv[i] === '--context') {
            context = argv[++i];
        } else if (argv[i] === '--compose') {
            compose = argv[++i];
        } else if (argv[i] === '--stage') {
            stageDir = argv[++i];
        } else {
            dockerfiles.push(argv[i]);
        }
    }
    if (context === null || dockerfiles.length === 0) {
        console.error('usage: node docker/lint/context.js --context DIR [--compose FILE] [--stage DIR] DOCKERFILE...');
        return 2;
    }
    if (stageDir !== null && dockerfiles.length !== 1) {
        console.error('context.js: --stage takes one Dockerfile');
        return 2;
    }
    for (const dockerfile of dockerfiles) {
        const before = problems.length;
        const image = checkDockerfile(context, dockerfile);
        if (stageDir !== null && problems.length === before) {
            stage(context, image, stageDir, path.relative(process.cwd(), dockerfile));
        }
    }
    if (compose !== null) {
        checkCompose(compose, dockerfiles);
    }
    for (const text of problems) {
        console.error(`context: ${text}`);
    }
    return problems.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
